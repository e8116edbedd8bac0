import { fitButtons } from './buttons';
import type { BasicCard, CommerceCard, SimpleImage, SimpleText, TextCard } from './card-schemas';
import { fitOptionalText, fitText, type ClipOptions, type ClipReporter } from './clip';
import type { Button, Link, Profile, Thumbnail } from './common-schemas';
import { compact, reject, requireHttpUrl, requireInt, requireText } from './guards';
import { KAKAO_LIMITS } from './limits';
import { isSideBySide, type ButtonLayout } from './schema-rules';

/**
 * Builders for simpleText, simpleImage, textCard, basicCard and commerceCard (contract §2.2). Content text
 * (titles, descriptions, alt texts) is clipped and reported; shape mistakes throw `KakaoLimitError`.
 * Blank optional texts are omitted. Each builder returns a ready output component, e.g. `{ textCard }`.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

const L = KAKAO_LIMITS;

/** Options of the card builders. */
export interface CardOptions extends ClipOptions {
  /** Apply the limits of a carousel item (e.g. textCard description 128 instead of 400). */
  readonly inCarousel?: boolean;
}

/** Where a card is being built, for error and clip paths. Internal. */
export interface BuildContext {
  readonly path: string;
  readonly inCarousel: boolean;
  readonly onClip: ClipReporter | undefined;
}

/** The context of a top-level card builder call. Internal. */
export function contextOf(component: string, options: CardOptions | undefined): BuildContext {
  return { path: component, inCarousel: options?.inCarousel === true, onClip: options?.onClip };
}

/** Fields shared by the cards that carry buttons. */
export interface ButtonFields {
  readonly buttons?: readonly Button[];
  readonly buttonLayout?: ButtonLayout;
  readonly forwardable?: boolean;
}

/**
 * A card's {@link ButtonFields} as sent, last in the card: buttons checked and fitted, side by side when
 * `buttonLayout` says so or, without one, beside a fixed-ratio `thumbnail`. Internal.
 */
export function fitButtonFields(fields: ButtonFields, ctx: BuildContext, thumbnail?: Thumbnail) {
  return {
    buttons: fitButtons(fields.buttons, isSideBySide(fields.buttonLayout, thumbnail), ctx.path, ctx.onClip),
    buttonLayout: fields.buttonLayout,
    forwardable: fields.forwardable,
  };
}

/** Validates a Link (at least one http(s) URL). Internal. */
export function fitLink(link: Link | undefined, path: string): Link | undefined {
  if (link === undefined) return undefined;
  const { pc, mobile, web } = link;
  if (pc === undefined && mobile === undefined && web === undefined) reject(path, 'web, pc or mobile', 'needs at least one URL');
  for (const [key, url] of Object.entries({ pc, mobile, web })) if (url !== undefined) requireHttpUrl(url, `${path}.${key}`);
  return compact({ pc, mobile, web });
}

/** Validates a Thumbnail and clips its altText. Internal. */
export function fitThumbnail(thumbnail: Thumbnail, path: string, onClip: ClipReporter | undefined): Thumbnail {
  requireHttpUrl(thumbnail.imageUrl, `${path}.imageUrl`);
  const { width, height, fixedRatio } = thumbnail;
  if (width !== undefined) requireInt(width, `${path}.width`, 1);
  if (height !== undefined) requireInt(height, `${path}.height`, 1);
  if (fixedRatio === true && (width === undefined || height === undefined)) {
    reject(`${path}.fixedRatio`, 'width and height', 'fixedRatio: true needs width and height');
  }
  return compact({
    ...thumbnail,
    altText: fitOptionalText(thumbnail.altText, L.thumbnail.altText, `${path}.altText`, onClip),
    link: fitLink(thumbnail.link, `${path}.link`),
  });
}

function fitProfile(profile: Profile | undefined, path: string): Profile | undefined {
  if (profile === undefined) return undefined;
  requireText(profile.nickname, `${path}.nickname`);
  if (profile.imageUrl !== undefined) requireHttpUrl(profile.imageUrl, `${path}.imageUrl`);
  return compact({ nickname: profile.nickname, imageUrl: profile.imageUrl });
}

/**
 * simpleText bubble: `text` of 1–1000 code points (longer text is clipped and reported; blank throws).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function simpleText(text: string, options?: ClipOptions): { simpleText: SimpleText } {
  requireText(text, 'simpleText.text');
  return { simpleText: { text: fitText(text, L.simpleText.text, 'simpleText.text', options?.onClip) } };
}

/**
 * simpleImage bubble: absolute http(s) `imageUrl` (else throws) and screen-reader `altText` (1–50 code
 * points, clipped).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function simpleImage(imageUrl: string, altText: string, options?: ClipOptions): { simpleImage: SimpleImage } {
  requireHttpUrl(imageUrl, 'simpleImage.imageUrl');
  requireText(altText, 'simpleImage.altText');
  return { simpleImage: { imageUrl, altText: fitText(altText, L.simpleImage.altText, 'simpleImage.altText', options?.onClip) } };
}

/** Fields of {@link textCard}: a title or a description (or both) is required. */
export type TextCardFields = ButtonFields & { readonly title?: string; readonly description?: string } & (
    | { readonly title: string }
    | { readonly description: string }
  );

/** Builds a bare textCard from loose fields (a built TextCard is valid input). Internal (used by `carousel`). */
export function buildTextCard(fields: ButtonFields & { title?: string; description?: string }, ctx: BuildContext): TextCard {
  const { path, onClip } = ctx;
  const title = fitOptionalText(fields.title, L.textCard.title, `${path}.title`, onClip);
  const descriptionMax = ctx.inCarousel ? L.textCard.descriptionInCarousel : L.textCard.description;
  const description = fitOptionalText(fields.description, descriptionMax, `${path}.description`, onClip);
  if (title === undefined && description === undefined) reject(path, 'title or description', 'needs a non-empty title or description');
  return compact({
    title,
    description,
    ...fitButtonFields(fields, ctx),
  });
}

/**
 * textCard: title ≤ 50, description ≤ 400 (≤ 128 with `inCarousel`), both clipped; up to 3 buttons (2 with
 * `buttonLayout: 'horizontal'`, whose labels are clipped to 8).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function textCard(fields: TextCardFields, options?: CardOptions): { textCard: TextCard } {
  return { textCard: buildTextCard(fields, contextOf('textCard', options)) };
}

/** Fields of {@link basicCard}. */
export interface BasicCardFields extends ButtonFields {
  readonly title?: string;
  readonly description?: string;
  readonly thumbnail: Thumbnail;
  readonly profile?: Profile;
}

/** Builds a bare basicCard. Internal (used by `carousel`). */
export function buildBasicCard(fields: BasicCardFields, ctx: BuildContext): BasicCard {
  const { path, onClip } = ctx;
  if (typeof fields.thumbnail !== 'object' || fields.thumbnail === null) reject(`${path}.thumbnail`, 'required', 'is required');
  const thumbnail = fitThumbnail(fields.thumbnail, `${path}.thumbnail`, onClip);
  return compact({
    title: fitOptionalText(fields.title, L.basicCard.title, `${path}.title`, onClip),
    description: fitOptionalText(fields.description, L.basicCard.description, `${path}.description`, onClip),
    thumbnail,
    profile: fitProfile(fields.profile, `${path}.profile`),
    ...fitButtonFields(fields, ctx, thumbnail),
  });
}

/**
 * basicCard: a required thumbnail (a 1:1 `fixedRatio` one puts buttons side by side), title ≤ 50 and
 * description ≤ 230 (clipped), optional profile, up to 3 buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function basicCard(fields: BasicCardFields, options?: CardOptions): { basicCard: BasicCard } {
  return { basicCard: buildBasicCard(fields, contextOf('basicCard', options)) };
}

/** Fields of {@link commerceCard}. Prices are integers in won. */
export interface CommerceCardFields extends ButtonFields {
  readonly title?: string;
  readonly description?: string;
  readonly price: number;
  readonly currency?: 'won';
  readonly discount?: number;
  /** Percent (0–100); needs `discountedPrice`. */
  readonly discountRate?: number;
  readonly discountedPrice?: number;
  /** Kakao's table spells it this way; either spelling is accepted and both are sent. */
  readonly dicountedPrice?: number;
  /** Exactly one thumbnail. */
  readonly thumbnails: readonly [Thumbnail];
  readonly profile?: Profile;
}

/** Builds a bare commerceCard. Internal (used by `carousel`). */
export function buildCommerceCard(fields: CommerceCardFields, ctx: BuildContext): CommerceCard {
  const { path, onClip } = ctx;
  const thumbnails = fields.thumbnails as readonly Thumbnail[] | undefined;
  const count = Array.isArray(thumbnails) ? thumbnails.length : 0;
  if (count !== L.commerceCard.thumbnails || thumbnails?.[0] === undefined) {
    reject(`${path}.thumbnails`, 'exactly 1', `needs exactly ${L.commerceCard.thumbnails} thumbnail, got ${count}`);
  }
  const thumbnail = fitThumbnail(thumbnails[0], `${path}.thumbnails[0]`, onClip);
  const price = requireInt(fields.price, `${path}.price`, 0);
  const discount = fields.discount === undefined ? undefined : requireInt(fields.discount, `${path}.discount`, 0);
  const rate = fields.discountRate;
  if (rate !== undefined) requireInt(rate, `${path}.discountRate`, 0, L.commerceCard.discountRate);
  const { discountedPrice: correct, dicountedPrice: misspelt } = fields;
  if (correct !== undefined && misspelt !== undefined && correct !== misspelt) {
    reject(`${path}.dicountedPrice`, 'equal to discountedPrice', 'disagrees with discountedPrice');
  }
  const discounted = correct ?? misspelt;
  if (discounted !== undefined) requireInt(discounted, `${path}.discountedPrice`, 0);
  if (rate !== undefined && discounted === undefined) reject(`${path}.discountedPrice`, 'required with discountRate', 'discountRate needs a discountedPrice');
  return compact({
    title: fitOptionalText(fields.title, L.commerceCard.title, `${path}.title`, onClip),
    description: fitOptionalText(fields.description, L.commerceCard.description, `${path}.description`, onClip),
    price,
    currency: 'won' as const,
    discount,
    discountRate: rate,
    // Unconfirmed which spelling the engine reads; sending both is the contract's advice.
    discountedPrice: discounted,
    dicountedPrice: discounted,
    thumbnails: [thumbnail] as [Thumbnail],
    profile: fitProfile(fields.profile, `${path}.profile`),
    ...fitButtonFields(fields, ctx, thumbnail),
  });
}

/**
 * commerceCard: integer `price` in won (≥ 0), optional `discount`, `discountRate` (0–100, needs a
 * discounted price), exactly one thumbnail, title ≤ 30 and description ≤ 40 (clipped), up to 3 buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function commerceCard(fields: CommerceCardFields, options?: CardOptions): { commerceCard: CommerceCard } {
  return { commerceCard: buildCommerceCard(fields, contextOf('commerceCard', options)) };
}
