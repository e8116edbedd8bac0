import {
  KAKAO_LIMITS,
  KakaoLimitError,
  basicCard,
  button,
  commerceCard,
  quickReply,
  simpleImage,
  simpleText,
  skillResponse,
  textCard,
  type ClipEvent,
} from '../../src/kakao';
import { IMAGE, asResponse, expectValid, limitError, recorder } from './helpers';

const square = { imageUrl: IMAGE, fixedRatio: true, width: 800, height: 800 };

describe('simpleText', () => {
  it('builds a valid bubble', () => {
    expect(simpleText('안녕하세요')).toEqual({ simpleText: { text: '안녕하세요' } });
    expectValid(asResponse(simpleText('안녕하세요')));
  });

  it('throws on blank text, naming the field', () => {
    expect(limitError(() => simpleText('  '))).toMatchObject({ field: 'simpleText.text', limit: 1, actual: 0 });
  });

  it('clips text over 1000 Hangul characters and reports it', () => {
    const { events, onClip } = recorder();
    const built = simpleText('가'.repeat(1001), { onClip });
    expect([...built.simpleText.text]).toHaveLength(1000);
    expect(built.simpleText.text.endsWith('…')).toBe(true);
    expect(events).toEqual([{ field: 'simpleText.text', limit: 1000, actual: 1001 }]);
    expectValid(asResponse(built));
  });

  it('counts code points, so 1000 emoji (2000 UTF-16 units) are not clipped', () => {
    const { events, onClip } = recorder();
    expect(simpleText('😀'.repeat(1000), { onClip }).simpleText.text).toBe('😀'.repeat(1000));
    expect(events).toEqual([]);
  });
});

describe('simpleImage', () => {
  it('builds a valid bubble and clips altText to 50', () => {
    const { events, onClip } = recorder();
    const built = simpleImage(IMAGE, '설명'.repeat(30), { onClip });
    expect([...(built.simpleImage.altText ?? '')]).toHaveLength(50);
    expect(events).toEqual([{ field: 'simpleImage.altText', limit: 50, actual: 60 }]);
    expectValid(asResponse(built));
  });

  it('throws on a URL that is not http(s)', () => {
    expect(limitError(() => simpleImage('data:image/png;base64,AAAA', '그림'))).toMatchObject({ field: 'simpleImage.imageUrl', limit: 'http(s) URL' });
  });
});

describe('textCard', () => {
  it('builds a valid card with buttons of every action', () => {
    const buttons = [button.webLink('열기', 'https://example.com/a?b=1'), button.message('질문', '환불 문의'), button.block('메뉴', 'blk-1', '메뉴 보기', { from: 'card' })];
    const built = textCard({ title: '환불 안내', description: '영업일 3일 이내', buttons });
    expect(built.textCard.buttons).toHaveLength(3);
    expectValid(asResponse(built));
    const more = [button.phone('전화', '+82 2-1234-5678'), button.share('공유'), button.operator('상담원')];
    expectValid(asResponse(textCard({ title: 't', buttons: more })));
  });

  it('omits a blank optional title but throws when neither title nor description has text', () => {
    expect(textCard({ title: ' ', description: '설명' })).toEqual({ textCard: { description: '설명' } });
    expect(limitError(() => textCard({ title: '', description: ' ' }))).toMatchObject({ field: 'textCard' });
  });

  it('clips title to 50 and description to 400, or 128 in a carousel', () => {
    const { events, onClip } = recorder();
    const long = { title: '제'.repeat(51), description: '설'.repeat(401) };
    const single = textCard(long, { onClip }).textCard;
    expect([[...(single.title ?? '')].length, [...(single.description ?? '')].length]).toEqual([50, 400]);
    const inCarousel = textCard(long, { inCarousel: true, onClip }).textCard;
    expect([...(inCarousel.description ?? '')]).toHaveLength(128);
    expect(events.map((e) => [e.field, e.limit])).toEqual([['textCard.title', 50], ['textCard.description', 400], ['textCard.title', 50], ['textCard.description', 128]]);
  });

  it('throws on a fourth button', () => {
    const buttons = Array.from({ length: 4 }, (_, i) => button.message(`버튼${i}`));
    expect(limitError(() => textCard({ title: 't', buttons }))).toMatchObject({ field: 'textCard.buttons', limit: 3, actual: 4 });
  });

  it('throws on a third button side by side', () => {
    const buttons = [button.message('하나'), button.message('둘'), button.message('셋')];
    expect(limitError(() => textCard({ title: 't', buttons, buttonLayout: 'horizontal' }))).toMatchObject({ field: 'textCard.buttons', limit: 2, actual: 3 });
  });

  it('clips labels to 8 side by side and reports each', () => {
    const { events, onClip } = recorder();
    const built = textCard({ title: 't', buttons: [button.message('환불 계좌 등록하기'), button.message('짧음')], buttonLayout: 'horizontal' }, { onClip });
    expect(built.textCard.buttons?.map((b) => b.label)).toEqual(['환불 계좌 등…', '짧음']);
    expect(events).toEqual([{ field: 'textCard.buttons[0].label', limit: 8, actual: 10 }]);
    expectValid(asResponse(built));
  });

  it('leaves out an empty button list', () => {
    expect(textCard({ title: 't', buttons: [] })).toEqual({ textCard: { title: 't' } });
  });
});

describe('basicCard', () => {
  it('builds a valid card with profile and a 1:1 thumbnail', () => {
    const built = basicCard({ title: '상품', description: '설명', thumbnail: square, profile: { nickname: '상점', imageUrl: IMAGE }, buttons: [button.webLink('보기', 'https://example.com')] });
    expectValid(asResponse(built));
  });

  it('puts buttons side by side under a 1:1 thumbnail, so a third throws', () => {
    const buttons = [button.message('하나'), button.message('둘'), button.message('셋')];
    expect(limitError(() => basicCard({ thumbnail: square, buttons }))).toMatchObject({ field: 'basicCard.buttons', limit: 2, actual: 3 });
    expectValid(asResponse(basicCard({ thumbnail: square, buttons, buttonLayout: 'vertical' })));
  });

  it('throws on a fixedRatio thumbnail without size and on a missing thumbnail', () => {
    expect(limitError(() => basicCard({ thumbnail: { imageUrl: IMAGE, fixedRatio: true } }))).toMatchObject({ field: 'basicCard.thumbnail.fixedRatio' });
    expect(limitError(() => basicCard({ title: 't' } as never))).toMatchObject({ field: 'basicCard.thumbnail' });
    expect(limitError(() => basicCard({ thumbnail: { imageUrl: 'ftp://x.y/a.png' } }))).toMatchObject({ field: 'basicCard.thumbnail.imageUrl' });
  });

  it('clips description to 230 and thumbnail altText to 50', () => {
    const { events, onClip } = recorder();
    const built = basicCard({ description: '가'.repeat(300), thumbnail: { imageUrl: IMAGE, altText: 'a'.repeat(51) } }, { onClip });
    expect(events.map((e) => e.field)).toEqual(['basicCard.thumbnail.altText', 'basicCard.description']);
    expectValid(asResponse(built));
  });
});

describe('commerceCard', () => {
  const base = { price: 10000, thumbnails: [{ imageUrl: IMAGE }] as const };

  it('sends both spellings of the discounted price', () => {
    const built = commerceCard({ ...base, title: '상품', discountRate: 10, discountedPrice: 9000 }).commerceCard;
    expect(built).toMatchObject({ currency: 'won', discountedPrice: 9000, dicountedPrice: 9000 });
    expectValid(asResponse({ commerceCard: built }));
    expect(commerceCard({ ...base, discountRate: 5, dicountedPrice: 9500 }).commerceCard.discountedPrice).toBe(9500);
  });

  it('throws on shape mistakes: rate without discounted price, two thumbnails, bad prices', () => {
    expect(limitError(() => commerceCard({ ...base, discountRate: 10 }))).toMatchObject({ field: 'commerceCard.discountedPrice' });
    const two = [{ imageUrl: IMAGE }, { imageUrl: IMAGE }] as unknown as readonly [{ imageUrl: string }];
    expect(limitError(() => commerceCard({ price: 1, thumbnails: two }))).toMatchObject({ field: 'commerceCard.thumbnails', limit: 'exactly 1' });
    expect(limitError(() => commerceCard({ ...base, price: 9.5 }))).toMatchObject({ field: 'commerceCard.price' });
    expect(limitError(() => commerceCard({ ...base, discountRate: 120, discountedPrice: 1 }))).toMatchObject({ field: 'commerceCard.discountRate' });
    expect(limitError(() => commerceCard({ ...base, discountedPrice: 1, dicountedPrice: 2 }))).toMatchObject({ field: 'commerceCard.dicountedPrice' });
  });

  it('clips title to 30 and description to 40', () => {
    const { events, onClip } = recorder();
    expectValid(asResponse(commerceCard({ ...base, title: 't'.repeat(31), description: 'd'.repeat(41) }, { onClip })));
    expect(events).toEqual([{ field: 'commerceCard.title', limit: 30, actual: 31 }, { field: 'commerceCard.description', limit: 40, actual: 41 }]);
  });
});

describe('button', () => {
  it('throws on a non-http(s) webLink, naming the URL', () => {
    for (const url of ['ftp://example.com', 'javascript:alert(1)', 'example.com', 'kakaotalk://x']) {
      expect(limitError(() => button.webLink('열기', url))).toMatchObject({ field: 'button.webLinkUrl', limit: 'http(s) URL', actual: url });
    }
  });

  it('throws on a label over 14 written in code, and clips one from data', () => {
    expect(limitError(() => button.message('가'.repeat(15)))).toMatchObject({ field: 'button.label', limit: 14, actual: 15 });
    const { events, onClip } = recorder();
    const built = button.message('가'.repeat(15), undefined, undefined, { clipLabel: true, onClip });
    expect(built).toEqual({ label: `${'가'.repeat(13)}…`, action: 'message', messageText: '가'.repeat(15) });
    expect(events).toEqual([{ field: 'button.label', limit: 14, actual: 15 }]);
  });

  it('throws on empty labels, message texts, block ids and odd phone numbers', () => {
    expect(limitError(() => button.share(''))).toMatchObject({ field: 'button.label', limit: 1, actual: 0 });
    expect(limitError(() => button.message('a', ' '))).toMatchObject({ field: 'button.messageText' });
    expect(limitError(() => button.block('a', ''))).toMatchObject({ field: 'button.blockId' });
    expect(limitError(() => button.phone('a', 'call me'))).toMatchObject({ field: 'button.phoneNumber' });
  });

  it('copies extra so later changes to the caller’s object do not leak', () => {
    const extra = { faqId: 'a' };
    const built = button.message('보기', '보기', extra);
    extra.faqId = 'b';
    expect(built.extra).toEqual({ faqId: 'a' });
  });
});

describe('quickReply', () => {
  it('clips the label to 14 code points and sends the full text', () => {
    const { events, onClip } = recorder();
    const question = '😀 환불 계좌는 어떻게 등록하나요?';
    const chip = quickReply.message(question, undefined, { faqId: 'f1' }, { onClip });
    // 13 code points kept would end in a space, which is dropped before the "…".
    expect(chip).toEqual({ label: '😀 환불 계좌는 어떻게…', action: 'message', messageText: question, extra: { faqId: 'f1' } });
    expect([...chip.label].length).toBeLessThanOrEqual(14);
    expect(events).toEqual([{ field: 'quickReply.label', limit: 14, actual: 19 }]);
  });

  it('builds block chips, with or without messageText, that pass the schema', () => {
    const chips = [quickReply.block('메뉴', 'blk-menu'), quickReply.block('처음', 'blk-home', '처음으로', { reset: true })];
    expect(chips[0]).toEqual({ label: '메뉴', action: 'block', blockId: 'blk-menu' });
    expectValid(skillResponse({ outputs: [simpleText('x')], quickReplies: chips }));
  });

  it('throws on a block chip without blockId and on a blank label', () => {
    expect(limitError(() => quickReply.block('메뉴', ''))).toMatchObject({ field: 'quickReply.blockId' });
    expect(limitError(() => quickReply.message(' '))).toMatchObject({ field: 'quickReply.label' });
    expect(limitError(() => button.message(' '))).toMatchObject({ field: 'button.label' });
  });
});

describe('clip reporting and errors', () => {
  it("sends events to the call's own onClip only, and ignores them when a call passes none", () => {
    const events: ClipEvent[] = [];
    simpleText('가'.repeat(1001), { onClip: (event) => events.push(event) });
    const { onClip, events: own } = recorder();
    simpleText('가'.repeat(1002), { onClip });
    expect(events).toEqual([{ field: 'simpleText.text', limit: 1000, actual: 1001 }]);
    expect(own).toHaveLength(1);
    // no process-wide reporter: a call without onClip reaches neither
    expect(simpleText('가'.repeat(1001)).simpleText.text).toHaveLength(1000);
    expect(events).toHaveLength(1);
    expect(own).toHaveLength(1);
  });

  it('KakaoLimitError is a named Error carrying field, limit and actual', () => {
    const error = limitError(() => skillResponse({ outputs: [] }));
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(KakaoLimitError);
    expect(error.name).toBe('KakaoLimitError');
    expect(error.message).toContain('template.outputs');
  });

  it('KAKAO_LIMITS is deeply frozen', () => {
    expect(Object.isFrozen(KAKAO_LIMITS)).toBe(true);
    expect(Object.isFrozen(KAKAO_LIMITS.textCard)).toBe(true);
    expect(KAKAO_LIMITS.response.bytes).toBe(30 * 1024);
    expect(() => {
      (KAKAO_LIMITS.textCard as { description: number }).description = 1;
    }).toThrow(TypeError);
  });
});
