import { z } from 'zod';
import { ButtonSchema, LinkSchema, ListItemSchema, ProfileSchema, ThumbnailSchema } from './common-schemas';
import { KAKAO_LIMITS } from './limits';
import { ButtonLayoutSchema, checkButtons, httpUrl, isSideBySide, pixels, text } from './schema-rules';
import { charLength } from './text';

/**
 * The output components (contract §2.2), strict, lengths in code points. Cards that have different limits
 * inside a carousel come from a factory with an `inCarousel` flag; both variants share one TS type.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

const L = KAKAO_LIMITS;
const cardButtons = { buttons: z.array(ButtonSchema).max(L.buttons.vertical).optional(), buttonLayout: ButtonLayoutSchema.optional() };
const forwardable = { forwardable: z.boolean().optional() };

/**
 * simpleText: `text` of 1–1000 code points (it folds behind "전체 보기" after 500).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const SimpleTextSchema = z.strictObject({ text: text(L.simpleText.text), ...forwardable });

/**
 * simpleImage: http(s) `imageUrl`, optional `altText` ≤ 50 code points.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const SimpleImageSchema = z.strictObject({
  imageUrl: httpUrl,
  altText: text(L.simpleImage.altText).optional(),
  ...forwardable,
});

function textCardSchema(inCarousel: boolean) {
  const descriptionMax = inCarousel ? L.textCard.descriptionInCarousel : L.textCard.description;
  return z
    .strictObject({
      title: text(L.textCard.title).optional(),
      description: text(descriptionMax).optional(),
      ...cardButtons,
      ...forwardable,
    })
    .superRefine((card, ctx) => {
      if (card.title === undefined && card.description === undefined) {
        ctx.addIssue({ code: 'custom', message: 'textCard needs a title or a description' });
      }
      checkButtons(ctx, card.buttons, isSideBySide(card.buttonLayout));
    });
}

/**
 * textCard: title ≤ 50, description ≤ 400 (≤ 128 in a carousel), at least one of them; buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const TextCardSchema = textCardSchema(false);
const CarouselTextCardSchema = textCardSchema(true);

/**
 * basicCard: title ≤ 50, description ≤ 230, thumbnail required, profile, buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const BasicCardSchema = z
  .strictObject({
    title: text(L.basicCard.title).optional(),
    description: text(L.basicCard.description).optional(),
    thumbnail: ThumbnailSchema,
    profile: ProfileSchema.optional(),
    ...cardButtons,
    ...forwardable,
  })
  .superRefine((card, ctx) => checkButtons(ctx, card.buttons, isSideBySide(card.buttonLayout, card.thumbnail)));

const price = z.int().nonnegative();

/**
 * commerceCard: title ≤ 30, description ≤ 40, integer `price` (won), `discount`, `discountRate` (0–100, needs a
 * discounted price), `discountedPrice` and its official misspelling `dicountedPrice` (send both; they must
 * agree), exactly one thumbnail, profile, buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const CommerceCardSchema = z
  .strictObject({
    title: text(L.commerceCard.title).optional(),
    description: text(L.commerceCard.description).optional(),
    price,
    currency: z.literal('won').optional(),
    discount: price.optional(),
    discountRate: z.int().min(0).max(L.commerceCard.discountRate).optional(),
    discountedPrice: price.optional(),
    dicountedPrice: price.optional(),
    thumbnails: z.tuple([ThumbnailSchema]),
    profile: ProfileSchema.optional(),
    ...cardButtons,
    ...forwardable,
  })
  .superRefine((card, ctx) => {
    const discounted = card.discountedPrice ?? card.dicountedPrice;
    if (card.discountRate !== undefined && discounted === undefined) {
      ctx.addIssue({ code: 'custom', path: ['discountedPrice'], message: 'discountRate needs a discountedPrice' });
    }
    if (card.dicountedPrice !== undefined && card.discountedPrice !== undefined && card.dicountedPrice !== card.discountedPrice) {
      ctx.addIssue({ code: 'custom', path: ['dicountedPrice'], message: 'must equal discountedPrice' });
    }
    checkButtons(ctx, card.buttons, isSideBySide(card.buttonLayout, card.thumbnails[0]));
  });

function listCardSchema(inCarousel: boolean) {
  const itemsMax = inCarousel ? L.listCard.itemsInCarousel : L.listCard.items;
  return z
    .strictObject({
      header: ListItemSchema,
      items: z.array(ListItemSchema).min(L.listCard.itemsMin).max(itemsMax),
      ...cardButtons,
      ...forwardable,
    })
    .superRefine((card, ctx) => checkButtons(ctx, card.buttons, isSideBySide(card.buttonLayout)));
}

/**
 * listCard: header (only its title shows), 1–5 items (1–4 in a carousel), buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ListCardSchema = listCardSchema(false);
const CarouselListCardSchema = listCardSchema(true);

const SUMMARY_AMOUNT = /^[\p{Sc}\p{L}\d,. ]+$/u;

/** itemCard `itemListSummary.description`: currency signs, letters, digits, comma, dot, space; ≤ 2 decimals. */
const summaryAmount = text(L.itemCard.summaryDescription)
  .regex(SUMMARY_AMOUNT, 'only currency signs, letters, digits, comma, dot and space are allowed')
  .refine((s) => !new RegExp(`\\.\\d{${L.itemCard.summaryDecimals + 1},}`).test(s), {
    message: `at most ${L.itemCard.summaryDecimals} decimals`,
  });

function itemCardSchema(inCarousel: boolean) {
  const textMax = inCarousel ? L.itemCard.textInCarousel : L.itemCard.text;
  return z
    .strictObject({
      thumbnail: z
        .strictObject({
          imageUrl: httpUrl,
          altText: text(L.thumbnail.altText).optional(),
          width: pixels.optional(),
          height: pixels.optional(),
          link: LinkSchema.optional(),
        })
        .optional(),
      head: z.strictObject({ title: text() }).optional(),
      profile: z
        .strictObject({ title: text(L.itemCard.profileTitle), imageUrl: httpUrl.optional(), width: pixels.optional(), height: pixels.optional() })
        .optional(),
      imageTitle: z.strictObject({ title: text(), description: text().optional(), imageUrl: httpUrl.optional() }).optional(),
      itemList: z
        .array(z.strictObject({ title: text(L.itemCard.itemTitle), description: text() }))
        .min(L.itemCard.itemListMin)
        .max(inCarousel ? L.itemCard.itemListInCarousel : L.itemCard.itemList),
      itemListAlignment: z.enum(['left', 'right']).optional(),
      itemListSummary: z.strictObject({ title: text(L.itemCard.summaryTitle), description: summaryAmount }).optional(),
      title: text().optional(),
      description: text().optional(),
      ...cardButtons,
      ...forwardable,
    })
    .superRefine((card, ctx) => {
      if (card.head !== undefined && card.profile !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['profile'], message: 'head and profile cannot be combined' });
      }
      if (card.description !== undefined && card.title === undefined) {
        ctx.addIssue({ code: 'custom', path: ['description'], message: 'description needs a title' });
      }
      const combined = charLength(card.title ?? '') + charLength(card.description ?? '');
      if (combined > textMax) {
        ctx.addIssue({
          code: 'custom',
          path: ['description'],
          message: `title and description together must be at most ${textMax} characters (code points), got ${combined}`,
        });
      }
      checkButtons(ctx, card.buttons, isSideBySide(card.buttonLayout));
    });
}

/**
 * itemCard: itemList 1–10 (1–5 in a carousel), head xor profile, title + description ≤ 200 (≤ 100), …
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ItemCardSchema = itemCardSchema(false);
const CarouselItemCardSchema = itemCardSchema(true);

/**
 * Carousel header: `title` (≤ 2 lines), `description` (≤ 3 lines), `thumbnail` (only imageUrl is used).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const CarouselHeaderSchema = z.strictObject({ title: text(), description: text(), thumbnail: ThumbnailSchema });

const carouselItems = <T extends z.ZodType>(card: T, max: number = L.carousel.items) =>
  z.array(card).min(L.carousel.itemsMin).max(max);

/** In a carousel, thumbnail / head / profile / imageTitle must be on every itemCard or on none. */
const SHARED_ITEM_PARTS = ['thumbnail', 'head', 'profile', 'imageTitle'] as const;

/**
 * carousel: 1–10 bare cards of one `type` (≤ 5 listCards), with carousel limits applied to each card.
 * `header` only for basicCard, commerceCard and itemCard carousels.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const CarouselSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('textCard'), items: carouselItems(CarouselTextCardSchema) }),
  z.strictObject({ type: z.literal('basicCard'), items: carouselItems(BasicCardSchema), header: CarouselHeaderSchema.optional() }),
  z.strictObject({ type: z.literal('commerceCard'), items: carouselItems(CommerceCardSchema), header: CarouselHeaderSchema.optional() }),
  z.strictObject({ type: z.literal('listCard'), items: carouselItems(CarouselListCardSchema, L.carousel.listCardItems) }),
  z
    .strictObject({ type: z.literal('itemCard'), items: carouselItems(CarouselItemCardSchema), header: CarouselHeaderSchema.optional() })
    .superRefine((carousel, ctx) => {
      for (const part of SHARED_ITEM_PARTS) {
        const count = carousel.items.filter((card) => card[part] !== undefined).length;
        if (count > 0 && count < carousel.items.length) {
          ctx.addIssue({ code: 'custom', path: ['items'], message: `${part} must be on every itemCard or on none` });
        }
      }
    }),
]);

/** simpleText component. */
export type SimpleText = z.output<typeof SimpleTextSchema>;
/** simpleImage component. */
export type SimpleImage = z.output<typeof SimpleImageSchema>;
/** textCard (alone or as a carousel item). */
export type TextCard = z.output<typeof TextCardSchema>;
/** basicCard (alone or as a carousel item). */
export type BasicCard = z.output<typeof BasicCardSchema>;
/** commerceCard (alone or as a carousel item). */
export type CommerceCard = z.output<typeof CommerceCardSchema>;
/** listCard (alone or as a carousel item). */
export type ListCard = z.output<typeof ListCardSchema>;
/** itemCard (alone or as a carousel item). */
export type ItemCard = z.output<typeof ItemCardSchema>;
/** Carousel header. */
export type CarouselHeader = z.output<typeof CarouselHeaderSchema>;
/** carousel component. */
export type Carousel = z.output<typeof CarouselSchema>;
/** The card types a carousel can hold. */
export type CarouselType = Carousel['type'];
