import type { BasicCard, Carousel, CarouselHeader, CarouselType, CommerceCard, ItemCard, ListCard, TextCard } from './card-schemas';
import { buildBasicCard, buildCommerceCard, buildTextCard, fitThumbnail, type BuildContext } from './cards';
import type { ClipOptions } from './clip';
import { compact, reject, requireCount, requireText } from './guards';
import { KAKAO_LIMITS } from './limits';
import { buildItemCard, buildListCard } from './list-cards';

/**
 * The carousel builder (contract §2.2): 1–10 cards of one type side by side.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** The bare card type of each carousel type. */
export interface CarouselCards {
  textCard: TextCard;
  basicCard: BasicCard;
  commerceCard: CommerceCard;
  listCard: ListCard;
  itemCard: ItemCard;
}

/** A carousel item: a bare card, or the wrapped output of the matching builder (`textCard(...)`). */
export type CarouselItem<T extends CarouselType> = CarouselCards[T] | { readonly [K in T]: CarouselCards[K] };

/** Carousel types that take a header (not textCard or listCard). */
export type HeaderCarouselType = 'basicCard' | 'commerceCard' | 'itemCard';

const BUILDERS: { [T in CarouselType]: (card: CarouselCards[T], ctx: BuildContext) => CarouselCards[T] } = {
  textCard: buildTextCard,
  basicCard: buildBasicCard,
  commerceCard: (card, ctx) => buildCommerceCard(card, ctx),
  listCard: buildListCard,
  itemCard: buildItemCard,
};

/** In a carousel, these itemCard parts must be on every card or on none (contract §2.2). */
const SHARED_ITEM_PARTS = ['thumbnail', 'head', 'profile', 'imageTitle'] as const;

function unwrap(type: CarouselType, item: unknown): unknown {
  return typeof item === 'object' && item !== null && type in item ? (item as Record<string, unknown>)[type] : item;
}

function fitHeader(header: CarouselHeader, options: ClipOptions | undefined): CarouselHeader {
  return {
    title: requireText(header.title, 'carousel.header.title'),
    description: requireText(header.description, 'carousel.header.description'),
    thumbnail: fitThumbnail(header.thumbnail, 'carousel.header.thumbnail', options?.onClip),
  };
}

/**
 * carousel of `type`: 1–10 cards (1–5 listCards; more or fewer throws). Each item goes through its card
 * builder again with the carousel limits (textCard description 128, listCard items 4, itemCard itemList 5
 * and text 100), so content is clipped and reported with paths like `carousel.items[2].description`.
 * `header` is only allowed for basicCard, commerceCard and itemCard carousels.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function carousel<T extends 'textCard' | 'listCard'>(
  type: T,
  items: readonly CarouselItem<T>[],
  header?: undefined,
  options?: ClipOptions,
): { carousel: Carousel };
export function carousel<T extends HeaderCarouselType>(
  type: T,
  items: readonly CarouselItem<T>[],
  header?: CarouselHeader,
  options?: ClipOptions,
): { carousel: Carousel };
export function carousel(
  type: CarouselType,
  items: readonly unknown[],
  header?: CarouselHeader,
  options?: ClipOptions,
): { carousel: Carousel } {
  const build = BUILDERS[type] as ((card: unknown, ctx: BuildContext) => CarouselCards[CarouselType]) | undefined;
  if (build === undefined) reject('carousel.type', Object.keys(BUILDERS).join(' | '), `unknown card type "${String(type)}"`);
  const max = type === 'listCard' ? KAKAO_LIMITS.carousel.listCardItems : KAKAO_LIMITS.carousel.items;
  requireCount(Array.isArray(items) ? items.length : 0, KAKAO_LIMITS.carousel.itemsMin, max, 'carousel.items');
  if (header !== undefined && (type === 'textCard' || type === 'listCard')) {
    reject('carousel.header', 'basicCard, commerceCard or itemCard carousels only', `a ${type} carousel cannot have a header`);
  }
  const cards = items.map((item, index) =>
    build(unwrap(type, item), { path: `carousel.items[${index}]`, inCarousel: true, onClip: options?.onClip }),
  );
  if (type === 'itemCard') {
    for (const part of SHARED_ITEM_PARTS) {
      const count = cards.filter((card) => (card as ItemCard)[part] !== undefined).length;
      if (count > 0 && count < cards.length) reject('carousel.items', `${part} on all cards or none`, `${part} is on ${count} of ${cards.length} itemCards`);
    }
  }
  const built = compact({ type, items: cards, header: header === undefined ? undefined : fitHeader(header, options) });
  // The per-type builders above guarantee each item matches `type`; TS cannot follow that correlation.
  return { carousel: built as Carousel };
}
