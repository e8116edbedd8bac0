import { basicCard, carousel, commerceCard, itemCard, listCard, textCard, type CarouselHeader, type TextCard } from '../../src/kakao';
import { IMAGE, asResponse, expectValid, limitError, recorder } from './helpers';

const header: CarouselHeader = { title: '추천 상품', description: '오늘만 할인', thumbnail: { imageUrl: IMAGE } };
const texts = (count: number) => Array.from({ length: count }, (_, i) => textCard({ title: `카드 ${i}` }, { inCarousel: true }));
const lists = (count: number) => Array.from({ length: count }, () => listCard({ header: { title: 'h' }, items: [{ title: 'a' }] }, { inCarousel: true }));
const rows = [{ title: '번호', description: '1' }];

describe('carousel', () => {
  it('builds a valid carousel of each card type', () => {
    const thumbnail = { imageUrl: IMAGE };
    expectValid(asResponse(carousel('textCard', texts(10))));
    expectValid(asResponse(carousel('basicCard', [basicCard({ title: 'a', thumbnail }), basicCard({ title: 'b', thumbnail })], header)));
    expectValid(asResponse(carousel('commerceCard', [commerceCard({ price: 1000, thumbnails: [thumbnail] })], header)));
    expectValid(asResponse(carousel('listCard', lists(5))));
    expectValid(asResponse(carousel('itemCard', [itemCard({ itemList: rows, head: { title: '주문' } }), itemCard({ itemList: rows, head: { title: '배송' } })], header)));
  });

  it('accepts bare cards as well as builder outputs', () => {
    const bare: TextCard = { title: '맨 카드' };
    expect(carousel('textCard', [bare, textCard({ title: '포장된 카드' })]).carousel.items).toEqual([{ title: '맨 카드' }, { title: '포장된 카드' }]);
  });

  it('throws on 0 or 11 cards, and on 6 listCards', () => {
    expect(limitError(() => carousel('textCard', []))).toMatchObject({ field: 'carousel.items', limit: 1, actual: 0 });
    expect(limitError(() => carousel('textCard', texts(11)))).toMatchObject({ field: 'carousel.items', limit: 10, actual: 11 });
    expect(limitError(() => carousel('listCard', lists(6)))).toMatchObject({ field: 'carousel.items', limit: 5, actual: 6 });
  });

  it('throws on a header for textCard and listCard carousels', () => {
    expect(limitError(() => carousel('textCard', texts(1), header as never))).toMatchObject({ field: 'carousel.header' });
    expect(limitError(() => carousel('listCard', lists(1), header as never))).toMatchObject({ field: 'carousel.header' });
    expect(limitError(() => carousel('basicCard', [basicCard({ thumbnail: { imageUrl: IMAGE } })], { ...header, title: '' }))).toMatchObject({ field: 'carousel.header.title' });
  });

  it('applies carousel limits to cards built without inCarousel, reporting carousel paths', () => {
    const { events, onClip } = recorder();
    const single = textCard({ title: 't', description: '설'.repeat(300) });
    const built = carousel('textCard', [textCard({ title: 'ok' }), single], undefined, { onClip });
    expect([...(built.carousel.items[1] as TextCard).description!]).toHaveLength(128);
    expect(events).toEqual([{ field: 'carousel.items[1].description', limit: 128, actual: 300 }]);
    expectValid(asResponse(built));
    const five = listCard({ header: { title: 'h' }, items: Array(5).fill({ title: 'a' }) });
    expect(limitError(() => carousel('listCard', [five]))).toMatchObject({ field: 'carousel.items[0].items', limit: 4, actual: 5 });
  });

  it('throws when only some itemCards have a part that must be on all or none', () => {
    const withThumb = itemCard({ itemList: rows, thumbnail: { imageUrl: IMAGE } });
    expect(limitError(() => carousel('itemCard', [withThumb, itemCard({ itemList: rows })]))).toMatchObject({ field: 'carousel.items' });
  });

  it('throws on a card type that cannot be carouselled', () => {
    expect(limitError(() => carousel('simpleText' as 'textCard', texts(1)))).toMatchObject({ field: 'carousel.type' });
  });
});
