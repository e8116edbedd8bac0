import { button, carousel, commerceCard, listCard, quickReply, simpleText, skillResponse, textCard, type CarouselHeader } from '../../src/kakao';

/**
 * Each `@ts-expect-error` line is checked by `npm run typecheck`: misusing a builder must not compile.
 * At run time the same misuse still fails loudly (a KakaoLimitError) instead of producing a broken reply.
 */

const header: CarouselHeader = { title: '추천', description: '오늘', thumbnail: { imageUrl: 'https://img.example.com/a.png' } };

describe('builder types', () => {
  it('do not allow a textCard without a title or a description', () => {
    // @ts-expect-error a textCard needs a title or a description
    expect(() => textCard({})).toThrow();
  });

  it('do not allow a header on a listCard or textCard carousel', () => {
    const card = listCard({ header: { title: 'h' }, items: [{ title: 'a' }] }, { inCarousel: true });
    // @ts-expect-error listCard carousels have no header
    expect(() => carousel('listCard', [card], header)).toThrow();
    // @ts-expect-error textCard carousels have no header
    expect(() => carousel('textCard', [textCard({ title: 't' })], header)).toThrow();
  });

  it('do not allow cards of another type in a carousel', () => {
    // @ts-expect-error a textCard cannot go into a listCard carousel
    expect(() => carousel('listCard', [textCard({ title: 't' })])).toThrow();
  });

  it('do not allow a webLink button without a URL or a block chip without a block id', () => {
    // @ts-expect-error webLink needs a URL
    expect(() => button.webLink('열기')).toThrow();
    // @ts-expect-error a block quick reply needs a blockId
    expect(() => quickReply.block('메뉴')).toThrow();
  });

  it('do not allow two commerceCard thumbnails or a string price', () => {
    const thumbnail = { imageUrl: 'https://img.example.com/a.png' };
    // @ts-expect-error exactly one thumbnail
    expect(() => commerceCard({ price: 1, thumbnails: [thumbnail, thumbnail] })).toThrow();
    // @ts-expect-error price is an integer, not a string
    expect(() => commerceCard({ price: '1000', thumbnails: [thumbnail] })).toThrow();
  });

  it('do not allow raw strings or quick replies as outputs', () => {
    const misuse = () => {
      // @ts-expect-error outputs are components such as simpleText(...), not strings
      skillResponse({ outputs: ['안녕하세요'] });
      // @ts-expect-error a quick reply is not an output
      skillResponse({ outputs: [quickReply.message('메뉴')] });
      // @ts-expect-error a button layout is "vertical" or "horizontal"
      textCard({ title: 't', buttonLayout: 'grid' });
    };
    expect(typeof misuse).toBe('function');
    expect(simpleText('ok')).toEqual({ simpleText: { text: 'ok' } });
  });
});
