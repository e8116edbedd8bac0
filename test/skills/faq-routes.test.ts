import { FAQ_ROUTES } from '../../skills/faq/routes';
import { charLength, ELLIPSIS, KAKAO_LIMITS, type ClipEvent } from '../../src/kakao';
import { bundledFaq } from '../harness';
import { ask, chips, data, outputs } from './skill-turn';

/** A family emoji: seven code points (four people joined by ZWJ) that must never be cut apart. */
const FAMILY = '👨‍👩‍👧‍👦';
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const wholeGraphemes = (text: string) => [...graphemes.segment(text)].every(({ segment }) => segment === FAMILY || charLength(segment) === 1);

describe('the route table', () => {
  it('tries taps by their extra first, then 지식+ matches, then typed messages, the matcher last', () => {
    // the order is behaviour (skills/faq/routes.ts says why): changing it must change this list too
    expect(FAQ_ROUTES.map((r) => r.name)).toEqual([
      'rating',
      'knowledge-pick',
      'question-pick',
      'browse',
      'rephrase',
      'none-of-these',
      'knowledge-match',
      'empty-utterance',
      'home',
      'small-talk',
      'typed-question',
    ]);
  });

  it('reads a tap that names an entry this set does not hold as typed text', async () => {
    const faq = await bundledFaq();
    const reply = await ask(faq, '처음으로', { clientExtra: { faqId: 'no-such-entry' } });
    expect(data(reply).outcome).toBe('browse');
  });
});

describe('clip reporting', () => {
  it('reports what a reply clipped to the call’s onClip', async () => {
    const faq = await bundledFaq();
    const events: ClipEvent[] = [];
    const question = `${'환불 '.repeat(40)}언제 되나요?`;
    await ask(faq, '환불', { knowledges: [{ categories: ['결제'], question, answer: '3일 안에 돼요.' }], onClip: (e) => events.push(e) });
    expect(events).toContainEqual({ field: 'textCard.title', limit: KAKAO_LIMITS.textCard.title, actual: charLength(question) });
  });

  it('reports nothing, and still answers, when the call has no onClip', async () => {
    const faq = await bundledFaq();
    const knowledges = [{ categories: ['결제'], question: '환불 '.repeat(40), answer: '3일 안에 돼요.' }];
    const reply = await ask(faq, '환불', { knowledges });
    expect(outputs(reply)[0]?.textCard.title.endsWith(ELLIPSIS)).toBe(true);
  });
});

describe('text carried in extra', () => {
  it('is cut between whole graphemes, with "…", never inside an emoji', async () => {
    const faq = await bundledFaq();
    const question = FAMILY.repeat(40); // 280 code points
    const reply = await ask(faq, '가족', { knowledges: [{ categories: ['가족'], question, answer: '답변' }] });
    const carried = chips(reply)[0]?.extra.question as string;
    expect(charLength(carried)).toBeLessThanOrEqual(200);
    expect(carried.endsWith(ELLIPSIS)).toBe(true);
    expect(wholeGraphemes(carried.slice(0, -1))).toBe(true);
  });

  it('is carried whole when it fits', async () => {
    const faq = await bundledFaq();
    const question = FAMILY.repeat(20); // 140 code points
    const reply = await ask(faq, '가족', { knowledges: [{ categories: ['가족'], question, answer: '답변' }] });
    expect(chips(reply)[0]?.extra.question).toBe(question);
  });
});
