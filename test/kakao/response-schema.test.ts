import { KAKAO_LIMITS, type Output } from '../../src/kakao';
import { IMAGE, asResponse, expectValid, rejection } from './helpers';

const thumbnail = { imageUrl: IMAGE };
const link = { web: 'https://example.com' };
const msg = (label: string) => ({ label, action: 'message', messageText: label });
const textCard = (card: Record<string, unknown>) => asResponse({ textCard: card } as unknown as Output);
/** Any value as an output, to test what the schema rejects. */
const raw = (output: unknown) => ({ version: '2.0', template: { outputs: [output] } });

describe('SkillResponseSchema accepts', () => {
  it('the smallest reply: one simpleText', () => {
    expectValid({ version: '2.0', template: { outputs: [{ simpleText: { text: '안녕하세요' } }] } });
  });

  it('the context example of contract §2.5 (no template)', () => {
    expectValid({
      version: '2.0',
      context: {
        values: [
          { name: 'abc', lifeSpan: 10, ttl: 60, params: { key1: 'val1' } },
          { name: 'def', lifeSpan: 5, params: { key5: '{"jsonKey": "jsonVal"}' } },
          { name: 'ghi', lifeSpan: 0 },
        ],
      },
    });
  });

  it('the data-only reply and the callback acknowledgement of contract §2.6', () => {
    expectValid({ version: '2.0', data: { msg: '오늘 환율은 1,320원' } });
    expectValid({ version: '2.0', useCallback: true, data: { text: '생각 중이에요… 15초 정도 걸려요' } });
    expectValid({ version: '2.0', useCallback: true });
  });

  it('every component type, quick replies of both actions, context and data together', () => {
    const basic = {
      title: '제목',
      description: '설명',
      thumbnail: { imageUrl: IMAGE, fixedRatio: true, width: 800, height: 800, link },
      profile: { nickname: '상점' },
      buttons: [{ label: '열기', action: 'webLink', webLinkUrl: 'https://example.com' }, { label: '공유', action: 'share' }],
      forwardable: true,
    };
    const list = {
      header: { title: '자주 묻는 질문' },
      items: [
        { title: '환불', description: '환불 안내', action: 'message', messageText: '환불' },
        { title: '배송', imageUrl: IMAGE, action: 'block', blockId: 'b1', extra: { id: 1 } },
        { title: '링크', link },
      ],
      buttons: [{ label: '상담', action: 'operator' }],
    };
    const commerce = {
      title: '상품',
      description: '할인 중',
      price: 10000,
      currency: 'won',
      discount: 1000,
      discountRate: 10,
      discountedPrice: 9000,
      dicountedPrice: 9000,
      thumbnails: [thumbnail],
      buttons: [{ label: '전화', action: 'phone', phoneNumber: '1577-0000' }, { label: '블록', action: 'block', blockId: 'b2', messageText: '구매' }],
    };
    const item = {
      thumbnail: { imageUrl: IMAGE, width: 800, height: 400 },
      profile: { title: '주문 내역', imageUrl: IMAGE },
      imageTitle: { title: '결제 완료', description: '감사합니다', imageUrl: IMAGE },
      itemList: [{ title: '주문번호', description: 'A-123' }, { title: '금액', description: '9,000원' }],
      itemListAlignment: 'right',
      itemListSummary: { title: '합계', description: '₩9,000.50' },
      title: '주문이 완료되었어요',
      description: '배송은 내일 시작됩니다',
      buttons: [msg('자세히')],
    };
    expectValid({
      version: '2.0',
      template: {
        outputs: [
          { simpleImage: { imageUrl: IMAGE, altText: '그림' } },
          { carousel: { type: 'basicCard', items: [basic, basic], header: { title: '추천', description: '오늘의 상품', thumbnail } } },
          { carousel: { type: 'listCard', items: [{ ...list, items: list.items.slice(0, 3) }] } },
        ],
        quickReplies: [msg('처음으로'), { label: '메뉴', action: 'block', blockId: 'menu', extra: { from: 'qr' } }],
      },
      context: { values: [{ name: 'ordering', lifeSpan: 3, params: { step: '2' } }] },
      data: { outcome: 'answer', nested: { a: [1, 2] } },
    });
    expectValid(asResponse({ commerceCard: commerce } as unknown as Output, { listCard: list } as unknown as Output, { itemCard: item } as unknown as Output));
    expectValid(raw({ carousel: { type: 'commerceCard', items: [commerce] } }));
    expectValid(raw({ carousel: { type: 'itemCard', items: [item, item] } }));
  });

  it('400 emoji as a textCard description, because limits count code points', () => {
    expectValid(textCard({ description: '😀'.repeat(KAKAO_LIMITS.textCard.description) }));
  });
});

describe('SkillResponseSchema rejects, naming the path', () => {
  it.each([
    ['a missing version', { template: { outputs: [{ simpleText: { text: 'x' } }] } }, 'version'],
    ['version "1.0"', { version: '1.0', data: {} }, 'version'],
    ['no outputs', { version: '2.0', template: { outputs: [] } }, 'template.outputs'],
    ['four outputs', { version: '2.0', template: { outputs: Array(4).fill({ simpleText: { text: 'x' } }) } }, 'template.outputs'],
    ['11 quick replies', { version: '2.0', template: { outputs: [{ simpleText: { text: 'x' } }], quickReplies: Array(11).fill(msg('a')) } }, 'template.quickReplies'],
    ['an unknown component', raw({ video: { url: IMAGE } }), 'template.outputs[0]'],
    ['two components in one output', raw({ simpleText: { text: 'x' }, simpleImage: { imageUrl: IMAGE } }), 'template.outputs[0]'],
    ['an empty simpleText', raw({ simpleText: { text: '  ' } }), 'template.outputs[0].simpleText.text'],
    ['a 1001-character simpleText', raw({ simpleText: { text: '가'.repeat(1001) } }), 'template.outputs[0].simpleText.text'],
    ['a textCard description of 401', textCard({ description: 'a'.repeat(401) }), 'template.outputs[0].textCard.description'],
    ['a webLink to ftp', textCard({ title: 't', buttons: [{ label: 'a', action: 'webLink', webLinkUrl: 'ftp://x.y' }] }), 'template.outputs[0].textCard.buttons[0].webLinkUrl'],
    ['a message button without messageText', textCard({ title: 't', buttons: [{ label: 'a', action: 'message' }] }), 'template.outputs[0].textCard.buttons[0].messageText'],
    ['a block button without blockId', textCard({ title: 't', buttons: [{ label: 'a', action: 'block' }] }), 'template.outputs[0].textCard.buttons[0].blockId'],
    ['a phone button without phoneNumber', textCard({ title: 't', buttons: [{ label: 'a', action: 'phone' }] }), 'template.outputs[0].textCard.buttons[0].phoneNumber'],
    ['an unknown button action', textCard({ title: 't', buttons: [{ label: 'a', action: 'osLink' }] }), 'template.outputs[0].textCard.buttons[0].action'],
    ['a 15-character label', textCard({ title: 't', buttons: [msg('가'.repeat(15))] }), 'template.outputs[0].textCard.buttons[0].label'],
    ['four buttons', textCard({ title: 't', buttons: Array(4).fill(msg('a')) }), 'template.outputs[0].textCard.buttons'],
    ['three horizontal buttons', textCard({ title: 't', buttonLayout: 'horizontal', buttons: Array(3).fill(msg('a')) }), 'template.outputs[0].textCard.buttons'],
    ['a 9-character label side by side', textCard({ title: 't', buttonLayout: 'horizontal', buttons: [msg('가'.repeat(9))] }), 'template.outputs[0].textCard.buttons[0].label'],
    ['three buttons under a 1:1 basicCard thumbnail', raw({ basicCard: { thumbnail: { imageUrl: IMAGE, fixedRatio: true, width: 1, height: 1 }, buttons: Array(3).fill(msg('a')) } }), 'template.outputs[0].basicCard.buttons'],
    ['a basicCard without thumbnail', raw({ basicCard: { title: 't' } }), 'template.outputs[0].basicCard.thumbnail'],
    ['a fixedRatio thumbnail without size', raw({ basicCard: { thumbnail: { imageUrl: IMAGE, fixedRatio: true } } }), 'template.outputs[0].basicCard.thumbnail.fixedRatio'],
    ['an unknown key', raw({ simpleText: { text: 'x', color: 'red' } }), 'template.outputs[0].simpleText'],
    ['a quick reply block without blockId', { version: '2.0', template: { outputs: [{ simpleText: { text: 'x' } }], quickReplies: [{ label: 'a', action: 'block' }] } }, 'template.quickReplies[0].blockId'],
    ['a list item of action block without blockId', raw({ listCard: { header: { title: 'h' }, items: [{ title: 'a', action: 'block' }] } }), 'template.outputs[0].listCard.items[0].blockId'],
    ['six list items', raw({ listCard: { header: { title: 'h' }, items: Array(6).fill({ title: 'a' }) } }), 'template.outputs[0].listCard.items'],
    ['a discountRate without discountedPrice', raw({ commerceCard: { price: 1, discountRate: 10, thumbnails: [thumbnail] } }), 'template.outputs[0].commerceCard.discountedPrice'],
    ['two commerceCard thumbnails', raw({ commerceCard: { price: 1, thumbnails: [thumbnail, thumbnail] } }), 'template.outputs[0].commerceCard.thumbnails'],
    ['a fractional price', raw({ commerceCard: { price: 1.5, thumbnails: [thumbnail] } }), 'template.outputs[0].commerceCard.price'],
    ['an itemCard with head and profile', raw({ itemCard: { head: { title: 'h' }, profile: { title: 'p' }, itemList: [{ title: 'a', description: 'b' }] } }), 'template.outputs[0].itemCard.profile'],
    ['an itemCard description without title', raw({ itemCard: { description: 'd', itemList: [{ title: 'a', description: 'b' }] } }), 'template.outputs[0].itemCard.description'],
    ['an itemList title of 7', raw({ itemCard: { itemList: [{ title: '가'.repeat(7), description: 'b' }] } }), 'template.outputs[0].itemCard.itemList[0].title'],
    ['a summary amount with "!"', raw({ itemCard: { itemList: [{ title: 'a', description: 'b' }], itemListSummary: { title: '합계', description: '9,000원!' } } }), 'template.outputs[0].itemCard.itemListSummary.description'],
    ['a summary amount with 3 decimals', raw({ itemCard: { itemList: [{ title: 'a', description: 'b' }], itemListSummary: { title: '합계', description: '1.005' } } }), 'template.outputs[0].itemCard.itemListSummary.description'],
    ['a header on a textCard carousel', raw({ carousel: { type: 'textCard', items: [{ title: 't' }], header: { title: 'h', description: 'd', thumbnail } } }), 'template.outputs[0].carousel'],
    ['a carousel textCard description of 129', raw({ carousel: { type: 'textCard', items: [{ description: 'a'.repeat(129) }] } }), 'template.outputs[0].carousel.items[0].description'],
    ['five items in a carousel listCard', raw({ carousel: { type: 'listCard', items: [{ header: { title: 'h' }, items: Array(5).fill({ title: 'a' }) }] } }), 'template.outputs[0].carousel.items[0].items'],
    ['six listCards in a carousel', raw({ carousel: { type: 'listCard', items: Array(6).fill({ header: { title: 'h' }, items: [{ title: 'a' }] }) } }), 'template.outputs[0].carousel.items'],
    ['11 cards in a carousel', raw({ carousel: { type: 'textCard', items: Array(11).fill({ title: 't' }) } }), 'template.outputs[0].carousel.items'],
    ['a carousel of simpleText', raw({ carousel: { type: 'simpleText', items: [{ text: 'x' }] } }), 'template.outputs[0].carousel.type'],
    ['itemCards where only some have a thumbnail', raw({ carousel: { type: 'itemCard', items: [{ thumbnail, itemList: [{ title: 'a', description: 'b' }] }, { itemList: [{ title: 'a', description: 'b' }] }] } }), 'template.outputs[0].carousel.items'],
    ['a negative lifeSpan', { version: '2.0', context: { values: [{ name: 'a', lifeSpan: -1 }] } }, 'context.values[0].lifeSpan'],
    ['a fractional ttl', { version: '2.0', context: { values: [{ name: 'a', lifeSpan: 1, ttl: 1.5 }] } }, 'context.values[0].ttl'],
    ['a non-string context param', { version: '2.0', context: { values: [{ name: 'a', lifeSpan: 1, params: { n: 1 } }] } }, 'context.values[0].params.n'],
    ['a template with useCallback', { version: '2.0', useCallback: true, template: { outputs: [{ simpleText: { text: 'x' } }] } }, 'template'],
    ['a reply with nothing in it', { version: '2.0' }, 'template'],
    ['an unknown top-level key', { version: '2.0', data: {}, templates: {} }, ''],
  ])('%s', (_, value, path) => {
    const text = rejection(value);
    if (path === '') expect(text).toMatch(/Unrecognized key/);
    else expect(text.split('\n').map((line) => line.trim())).toContain(`→ at ${path}`);
  });

  it('a reply over 30 KB of UTF-8 JSON, counting Hangul as 3 bytes', () => {
    const limit = KAKAO_LIMITS.response.bytes;
    // 10 240 Hangul syllables are 30 720 bytes on their own, so the JSON around them tips it over.
    expect(rejection({ version: '2.0', data: { text: '가'.repeat(limit / 3) } })).toMatch(/bytes of UTF-8 JSON/);
    expectValid({ version: '2.0', data: { text: 'a'.repeat(limit - 100) } });
  });
});
