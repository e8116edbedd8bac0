import { button, itemCard, listCard, type ItemCardFields, type ListItemFields } from '../../src/kakao';
import { IMAGE, asResponse, expectValid, limitError, recorder } from './helpers';

const item = (n: number): ListItemFields => ({ title: `질문 ${n}`, action: 'message', messageText: `질문 ${n}` });
const items = (count: number) => Array.from({ length: count }, (_, i) => item(i + 1));
const rows = (count: number) => Array.from({ length: count }, (_, i) => ({ title: `항목${i}`, description: `값 ${i}` }));

describe('listCard', () => {
  it('builds a valid card with every kind of item', () => {
    const built = listCard({
      header: { title: '자주 묻는 질문' },
      items: [
        { title: '환불', description: '환불 안내', imageUrl: IMAGE, action: 'message', messageText: '환불', extra: { faqId: 'f1' } },
        { title: '배송', action: 'block', blockId: 'blk-ship' },
        { title: '공지', link: { web: 'https://example.com/notice' } },
        { title: '설명 없음', description: undefined },
      ],
      buttons: [button.message('더 보기')],
    });
    expect(built.listCard.items[3]).toEqual({ title: '설명 없음' });
    expectValid(asResponse(built));
  });

  it('throws on 0 or 6 items, and on 5 items in a carousel', () => {
    expect(limitError(() => listCard({ header: { title: 'h' }, items: [] }))).toMatchObject({ field: 'listCard.items', limit: 1, actual: 0 });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: items(6) }))).toMatchObject({ field: 'listCard.items', limit: 5, actual: 6 });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: items(5) }, { inCarousel: true }))).toMatchObject({ field: 'listCard.items', limit: 4, actual: 5 });
    expectValid(asResponse(listCard({ header: { title: 'h' }, items: items(5) })));
  });

  it('throws on an empty header or item title and on actions missing their target', () => {
    expect(limitError(() => listCard({ header: { title: ' ' }, items: items(1) }))).toMatchObject({ field: 'listCard.header.title' });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: [{ title: '' }] }))).toMatchObject({ field: 'listCard.items[0].title' });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: [item(1), { title: 'b', action: 'block' }] }))).toMatchObject({ field: 'listCard.items[1].blockId' });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: [{ title: 'm', action: 'message' }] }))).toMatchObject({ field: 'listCard.items[0].messageText' });
    expect(limitError(() => listCard({ header: { title: 'h' }, items: [{ title: 'i', imageUrl: '/a.png' }] }))).toMatchObject({ field: 'listCard.items[0].imageUrl' });
  });

  it('clips header and item texts to 50 and reports their paths', () => {
    const { events, onClip } = recorder();
    const long = '아주 긴 FAQ 질문 '.repeat(6);
    const built = listCard({ header: { title: long }, items: [{ title: long, description: long }] }, { onClip });
    expect(events.map((e) => e.field)).toEqual(['listCard.header.title', 'listCard.items[0].title', 'listCard.items[0].description']);
    expect(events.every((e) => e.limit === 50)).toBe(true);
    expectValid(asResponse(built));
  });
});

describe('itemCard', () => {
  const full: ItemCardFields = {
    thumbnail: { imageUrl: IMAGE, width: 800, height: 400, altText: '주문 이미지' },
    head: { title: '주문 내역' },
    imageTitle: { title: '결제 완료', description: '감사합니다', imageUrl: IMAGE },
    itemList: [{ title: '주문번호', description: 'A-123' }, { title: '결제금액', description: '9,000원' }],
    itemListAlignment: 'right',
    itemListSummary: { title: '합계', description: '9,000원' },
    title: '주문이 완료되었어요',
    description: '배송은 내일 시작됩니다',
    buttons: [button.webLink('주문 보기', 'https://example.com/orders/1')],
  };

  it('builds a valid card with every part', () => {
    expectValid(asResponse(itemCard(full)));
    const { head: _, ...withoutHead } = full;
    expectValid(asResponse(itemCard({ ...withoutHead, profile: { title: '상점', imageUrl: IMAGE } })));
  });

  it('throws on head with profile, and on a description without title', () => {
    expect(limitError(() => itemCard({ ...full, profile: { title: '상점' } }))).toMatchObject({ field: 'itemCard.profile' });
    expect(limitError(() => itemCard({ itemList: rows(1), description: '설명' }))).toMatchObject({ field: 'itemCard.description' });
  });

  it('throws on 0 or 11 rows, and on 6 rows in a carousel', () => {
    expect(limitError(() => itemCard({ itemList: [] }))).toMatchObject({ field: 'itemCard.itemList', limit: 1, actual: 0 });
    expect(limitError(() => itemCard({ itemList: rows(11) }))).toMatchObject({ field: 'itemCard.itemList', limit: 10, actual: 11 });
    expect(limitError(() => itemCard({ itemList: rows(6) }, { inCarousel: true }))).toMatchObject({ field: 'itemCard.itemList', limit: 5, actual: 6 });
  });

  it('throws on row and summary labels written too long, and on a summary that is not an amount', () => {
    expect(limitError(() => itemCard({ itemList: [{ title: '주문번호입니다', description: '1' }] }))).toMatchObject({ field: 'itemCard.itemList[0].title', limit: 6, actual: 7 });
    expect(limitError(() => itemCard({ itemList: rows(1), itemListSummary: { title: '합계', description: '9,000원!' } }))).toMatchObject({ field: 'itemCard.itemListSummary.description' });
    expect(limitError(() => itemCard({ itemList: rows(1), itemListSummary: { title: '합계', description: '1.005' } }))).toMatchObject({ field: 'itemCard.itemListSummary.description' });
    expect(limitError(() => itemCard({ itemList: rows(1), itemListAlignment: 'center' as 'left' }))).toMatchObject({ field: 'itemCard.itemListAlignment' });
  });

  it('keeps title and description within 200 together (100 in a carousel), the title keeping at least half', () => {
    const { events, onClip } = recorder();
    const alone = itemCard({ itemList: rows(1), title: '제'.repeat(30), description: '설'.repeat(300) }, { onClip }).itemCard;
    expect([[...(alone.title ?? '')].length, [...(alone.description ?? '')].length]).toEqual([30, 170]);
    const carded = itemCard({ itemList: rows(1), title: '제'.repeat(150), description: '설'.repeat(150) }, { inCarousel: true, onClip }).itemCard;
    expect([[...(carded.title ?? '')].length, [...(carded.description ?? '')].length]).toEqual([50, 50]);
    expect(events.map((e) => [e.field, e.limit])).toEqual([['itemCard.description', 170], ['itemCard.title', 50], ['itemCard.description', 50]]);
  });

  it('clips the profile title to 15', () => {
    const { events, onClip } = recorder();
    expectValid(asResponse(itemCard({ itemList: rows(1), profile: { title: '아주 긴 상점 이름입니다 정말로' } }, { onClip })));
    expect(events).toEqual([{ field: 'itemCard.profile.title', limit: 15, actual: 17 }]);
  });
});
