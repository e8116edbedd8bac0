import request from 'supertest';
import { FaqFileSchema, type FaqEntryInput } from '../../src/faq/faq-schema';
import { createFaqStore } from '../../src/faq/faq-store';
import { questionKey } from '../../src/faq/question-key';
import { bundledFaq, inProcessApp, kakaoPayload } from '../harness';

const store = (entries: FaqEntryInput[]) => createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries }));
const service = (categories: readonly string[]) => categories[0];

describe('related questions on the bundled FAQ', () => {
  it('never lists another service’s entry for an answer whose service has other questions', async () => {
    const faq = await bundledFaq();
    const offenders: string[] = [];
    for (const entry of faq.entries) {
      const sameServiceExists = faq.entries.some(
        (e) => service(e.categories) === service(entry.categories) && questionKey(e.question) !== questionKey(entry.question),
      );
      if (!sameServiceExists) continue;
      for (const other of faq.related(entry.id, 3)) {
        if (service(other.categories) !== service(entry.categories)) offenders.push(`${entry.question} → ${other.categories.join(' › ')}: ${other.question}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('lists no 예약 or 캐시 question under a 멀티프로필 answer, and never the same question for another platform', async () => {
    const app = await inProcessApp();
    const res = await request(app).post('/skill/faq').send(kakaoPayload('', { clientExtra: { faqId: 'faq-a8cc283689bd' } }));
    expect(res.body.data).toMatchObject({ outcome: 'answer', faqId: 'faq-a8cc283689bd' });
    const faq = await bundledFaq();
    const listed = (res.body.data.related as string[]).map((id) => faq.get(id)!);
    for (const e of listed) expect(service(e.categories)).toBe('카카오톡');
    expect(listed.map((e) => e.question)).not.toContain("그룹 채팅방에서 '프로필별 대화상대'는 어떤 메뉴인가요?");
  });
});

describe('scoring related questions', () => {
  const entries: FaqEntryInput[] = [
    { id: 'refund-account', categories: ['결제', '환불'], question: '환불 계좌는 어떻게 등록하나요?', answer: '설정에서 등록합니다.' },
    { id: 'refund-when', categories: ['결제', '환불'], question: '환불은 언제 되나요?', answer: '3일 안에 됩니다.' },
    { id: 'card-change', categories: ['결제', '카드'], question: '결제 카드를 바꾸고 싶어요', answer: '카드 메뉴에서 바꿉니다.' },
    { id: 'other-refund', categories: ['예약'], question: '예약 환불 계좌는 어떻게 등록하나요?', answer: '예약 메뉴에서 등록합니다.' },
    { id: 'lonely', categories: ['메일'], question: '환불 계좌 등록은 어떻게 하나요?', answer: '메일 설정에서 합니다.' },
    { id: 'lonely-weak', categories: ['이모티콘'], question: '이모티콘 선물하기', answer: '선물 버튼을 누릅니다.' },
  ];

  it('ranks the same menu first, then the same service, and leaves other services out while the service has entries', () => {
    expect(store(entries).related('refund-account', 5).map((e) => e.id)).toEqual(['refund-when', 'card-change']);
  });

  it('offers another service’s entry only to an entry alone in its service, and only when strongly alike', () => {
    const faq = store(entries);
    expect(faq.related('lonely', 3).map((e) => e.id)).toEqual(expect.arrayContaining(['refund-account']));
    expect(faq.related('lonely-weak', 3)).toEqual([]);
  });

  it('shows the operator’s picks first, in their order, named by id or by exact question', async () => {
    const curated: FaqEntryInput[] = entries.map((e) =>
      e.id === 'refund-account' ? { ...e, related: ['lonely-weak', '결제 카드를 바꾸고 싶어요', 'no-such-entry'] } : e,
    );
    const faq = store(curated);
    expect(faq.related('refund-account', 3).map((e) => e.id)).toEqual(['lonely-weak', 'card-change', 'refund-when']);

    const app = await inProcessApp({ faq: faq });
    const res = await request(app).post('/skill/faq').send(kakaoPayload('', { clientExtra: { faqId: 'refund-account' } }));
    expect(res.body.data.related).toEqual(['lonely-weak', 'card-change', 'refund-when']);
    const list = res.body.template.outputs[1].listCard;
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['이모티콘 선물하기', '결제 카드를 바꾸고 싶어요', '환불은 언제 되나요?']);
  });
});
