import type { Extra } from './buttons';
import type { ItemCard, ListCard } from './card-schemas';
import { contextOf, fitButtonFields, fitLink, type BuildContext, type ButtonFields, type CardOptions } from './cards';
import { fitOptionalText, fitText, type ClipReporter } from './clip';
import type { Link, ListItem } from './common-schemas';
import { compact, presentText, reject, requireCount, requireHttpUrl, requireInt, requireMaxLength, requireText } from './guards';
import { KAKAO_LIMITS } from './limits';
import { charLength } from './text';

/**
 * Builders for listCard and itemCard (contract §2.2): the two list-shaped cards, which only a skill (not the
 * admin UI) can put in a carousel.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

const L = KAKAO_LIMITS;

/** A listCard item: "block" needs `blockId`, "message" needs `messageText`. */
export interface ListItemFields {
  readonly title: string;
  readonly description?: string;
  readonly imageUrl?: string;
  readonly link?: Link;
  readonly action?: 'block' | 'message';
  readonly blockId?: string;
  readonly messageText?: string;
  readonly extra?: Extra;
}

/** Fields of {@link listCard}: only `header.title` is shown. */
export interface ListCardFields extends ButtonFields {
  readonly header: { readonly title: string };
  readonly items: readonly ListItemFields[];
}

function fitListItem(item: ListItemFields, path: string, onClip: ClipReporter | undefined): ListItem {
  const title = fitText(requireText(item.title, `${path}.title`), L.listCard.itemTitle, `${path}.title`, onClip);
  if (item.imageUrl !== undefined) requireHttpUrl(item.imageUrl, `${path}.imageUrl`);
  if (item.action === 'block') requireText(item.blockId, `${path}.blockId`);
  if (item.action === 'message') requireText(item.messageText, `${path}.messageText`);
  return compact({
    title,
    description: fitOptionalText(item.description, L.listCard.itemDescription, `${path}.description`, onClip),
    imageUrl: item.imageUrl,
    link: fitLink(item.link, `${path}.link`),
    action: item.action,
    blockId: item.blockId,
    messageText: item.messageText,
    extra: item.extra === undefined ? undefined : { ...item.extra },
  });
}

/** Builds a bare listCard. Internal (used by `carousel`). */
export function buildListCard(fields: ListCardFields, ctx: BuildContext): ListCard {
  const { path, onClip } = ctx;
  const headerTitle = requireText(fields.header?.title, `${path}.header.title`);
  const items = Array.isArray(fields.items) ? fields.items : [];
  requireCount(items.length, L.listCard.itemsMin, ctx.inCarousel ? L.listCard.itemsInCarousel : L.listCard.items, `${path}.items`);
  return compact({
    // Kakao shows only the header's title, so nothing else is sent.
    header: { title: fitText(headerTitle, L.listCard.itemTitle, `${path}.header.title`, onClip) },
    items: items.map((item, index) => fitListItem(item, `${path}.items[${index}]`, onClip)),
    ...fitButtonFields(fields, ctx),
  });
}

/**
 * listCard: a header title and 1–5 items (1–4 with `inCarousel`, else throws); item and header texts are
 * clipped to 50 code points (a house limit); up to 3 buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function listCard(fields: ListCardFields, options?: CardOptions): { listCard: ListCard } {
  return { listCard: buildListCard(fields, contextOf('listCard', options)) };
}

/** Fields of {@link itemCard}; the same shape as Kakao's, with readonly arrays. */
export interface ItemCardFields extends ButtonFields {
  readonly thumbnail?: ItemCard['thumbnail'];
  readonly head?: { readonly title: string };
  readonly profile?: ItemCard['profile'];
  readonly imageTitle?: ItemCard['imageTitle'];
  readonly itemList: readonly { readonly title: string; readonly description: string }[];
  readonly itemListAlignment?: 'left' | 'right';
  readonly itemListSummary?: { readonly title: string; readonly description: string };
  readonly title?: string;
  readonly description?: string;
}

const SUMMARY_AMOUNT = /^[\p{Sc}\p{L}\d,. ]+$/u;

function fitSummary(summary: ItemCardFields['itemListSummary'], path: string): ItemCard['itemListSummary'] {
  if (summary === undefined) return undefined;
  const title = requireMaxLength(requireText(summary.title, `${path}.title`), L.itemCard.summaryTitle, `${path}.title`);
  const amount = requireMaxLength(requireText(summary.description, `${path}.description`), L.itemCard.summaryDescription, `${path}.description`);
  if (!SUMMARY_AMOUNT.test(amount) || new RegExp(`\\.\\d{${L.itemCard.summaryDecimals + 1},}`).test(amount)) {
    reject(`${path}.description`, 'currency, letters, digits , . and space; ≤ 2 decimals', `"${amount}" is not an amount Kakao accepts`);
  }
  return { title, description: amount };
}

/** Title and description share one budget: the title keeps at least half of it, the description the rest. */
function fitTitleAndDescription(fields: ItemCardFields, max: number, path: string, onClip: ClipReporter | undefined) {
  const title = presentText(fields.title);
  const description = presentText(fields.description);
  if (description !== undefined && title === undefined) reject(`${path}.description`, 'needs a title', 'description needs a title');
  if (title === undefined) return { title, description };
  const descriptionLength = description === undefined ? 0 : charLength(description);
  const titleMax = Math.min(charLength(title), Math.max(max - descriptionLength, Math.floor(max / 2)));
  const fittedTitle = fitText(title, Math.max(titleMax, 1), `${path}.title`, onClip);
  const room = max - charLength(fittedTitle);
  return { title: fittedTitle, description: description === undefined ? undefined : fitText(description, room, `${path}.description`, onClip) };
}

function fitPixels(value: number | undefined, field: string): number | undefined {
  return value === undefined ? undefined : requireInt(value, field, 1);
}

/** Builds a bare itemCard. Internal (used by `carousel`). */
export function buildItemCard(fields: ItemCardFields, ctx: BuildContext): ItemCard {
  const { path, onClip } = ctx;
  const { thumbnail, head, profile, imageTitle } = fields;
  if (head !== undefined && profile !== undefined) reject(`${path}.profile`, 'head xor profile', 'head and profile cannot be combined');
  const itemList = Array.isArray(fields.itemList) ? fields.itemList : [];
  requireCount(itemList.length, L.itemCard.itemListMin, ctx.inCarousel ? L.itemCard.itemListInCarousel : L.itemCard.itemList, `${path}.itemList`);
  const alignment = fields.itemListAlignment;
  if (alignment !== undefined && alignment !== 'left' && alignment !== 'right') reject(`${path}.itemListAlignment`, 'left or right', `got "${String(alignment)}"`);
  const text = fitTitleAndDescription(fields, ctx.inCarousel ? L.itemCard.textInCarousel : L.itemCard.text, path, onClip);
  return compact({
    thumbnail:
      thumbnail === undefined
        ? undefined
        : compact({
            imageUrl: requireHttpUrl(thumbnail.imageUrl, `${path}.thumbnail.imageUrl`),
            altText: fitOptionalText(thumbnail.altText, L.thumbnail.altText, `${path}.thumbnail.altText`, onClip),
            width: fitPixels(thumbnail.width, `${path}.thumbnail.width`),
            height: fitPixels(thumbnail.height, `${path}.thumbnail.height`),
            link: fitLink(thumbnail.link, `${path}.thumbnail.link`),
          }),
    head: head === undefined ? undefined : { title: requireText(head.title, `${path}.head.title`) },
    profile:
      profile === undefined
        ? undefined
        : compact({
            title: fitText(requireText(profile.title, `${path}.profile.title`), L.itemCard.profileTitle, `${path}.profile.title`, onClip),
            imageUrl: profile.imageUrl === undefined ? undefined : requireHttpUrl(profile.imageUrl, `${path}.profile.imageUrl`),
            width: fitPixels(profile.width, `${path}.profile.width`),
            height: fitPixels(profile.height, `${path}.profile.height`),
          }),
    imageTitle:
      imageTitle === undefined
        ? undefined
        : compact({
            title: requireText(imageTitle.title, `${path}.imageTitle.title`),
            description: presentText(imageTitle.description),
            imageUrl: imageTitle.imageUrl === undefined ? undefined : requireHttpUrl(imageTitle.imageUrl, `${path}.imageTitle.imageUrl`),
          }),
    // Item titles are labels written in code ("주문번호"), so a long one is a bug, not content to clip.
    itemList: itemList.map((item, index) => ({
      title: requireMaxLength(requireText(item.title, `${path}.itemList[${index}].title`), L.itemCard.itemTitle, `${path}.itemList[${index}].title`),
      description: requireText(item.description, `${path}.itemList[${index}].description`),
    })),
    itemListAlignment: alignment,
    itemListSummary: fitSummary(fields.itemListSummary, `${path}.itemListSummary`),
    title: text.title,
    description: text.description,
    ...fitButtonFields(fields, ctx),
  });
}

/**
 * itemCard: itemList of 1–10 `{title ≤ 6, description}` rows (1–5 with `inCarousel`); head or profile (not
 * both); imageTitle; a summary row (title ≤ 6, amount ≤ 14); title + description ≤ 200 together (≤ 100 in
 * a carousel; clipped, description needs a title); up to 3 buttons.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function itemCard(fields: ItemCardFields, options?: CardOptions): { itemCard: ItemCard } {
  return { itemCard: buildItemCard(fields, contextOf('itemCard', options)) };
}
