import { COPY } from '../../../src/copy';
import type { FaqEntry } from '../../../src/faq/faq-schema';
import type { FaqStore } from '../../../src/faq/faq-store';
import {
  carousel,
  KAKAO_LIMITS,
  listCard,
  quickReply,
  skillResponse,
  type ClipOptions,
  type ListItemFields,
  type QuickReply,
  type SkillResponse,
} from '../../../src/kakao';
import { homeQuickReply } from '../parts/nav';

/**
 * Browsing: service → category → questions. Each level is a listCard (a carousel of listCards when one card
 * is not enough) whose items are sub-categories (with their question count) and questions; a level with more
 * items than one carousel holds pages with "더보기". A category item sends "<category> 질문 보기" with
 * `extra: {browse: path}`; a question item sends the question with `extra: {faqId}`, which is answered
 * without matching.
 */

const PER_CARD_IN_CAROUSEL = KAKAO_LIMITS.listCard.itemsInCarousel;
const CARDS = KAKAO_LIMITS.carousel.listCardItems;
/** One page is as many items as a carousel of list cards holds. */
export const BROWSE_PAGE_SIZE = PER_CARD_IN_CAROUSEL * CARDS;
/** A category this small is listed as its questions straight away: one card, no extra tap. */
const SMALL_CATEGORY = KAKAO_LIMITS.listCard.items;

type Item = { kind: 'category'; path: string[]; count: number } | { kind: 'question'; entry: FaqEntry };

/**
 * The reply for `extra.browse = path` (`[]` is the list of services), or undefined when no entry lies under
 * `path` (a category renamed since the button was sent).
 */
export function browseReply(clip: ClipOptions, faq: FaqStore, path: readonly string[], page = 0): SkillResponse | undefined {
  const level = resolveLevel(faq, path);
  if (!level) return undefined;
  const { items, at } = level;
  const pages = Math.max(1, Math.ceil(items.length / BROWSE_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const pageItems = items.slice(current * BROWSE_PAGE_SIZE, (current + 1) * BROWSE_PAGE_SIZE);
  const shown = pageItems.map((item) => listItem(item, at));
  const name = at[at.length - 1];
  const header = name === undefined ? COPY.browse.topHeader : COPY.browse.header(name);
  const output =
    shown.length <= KAKAO_LIMITS.listCard.items
      ? listCard({ header: { title: header }, items: shown }, clip)
      : carousel(
          'listCard',
          chunk(shown, PER_CARD_IN_CAROUSEL).map((part) => listCard({ header: { title: header }, items: part }, { ...clip, inCarousel: true })),
          undefined,
          clip,
        );
  const quickReplies: QuickReply[] = [];
  if (current + 1 < pages) {
    const utterance = name === undefined ? COPY.browse.moreButton : COPY.browse.moreUtterance(name);
    quickReplies.push(quickReply.message(COPY.browse.moreButton, utterance, { browse: [...at], page: current + 1 }, clip));
  }
  const up = upFrom(faq, at);
  if (up) quickReplies.push(quickReply.message(COPY.browse.upButton, COPY.browse.categoryUtterance(up[up.length - 1]!), { browse: up }, clip));
  if (current > 0 || !samePath(at, topLevel(faq))) quickReplies.push(homeQuickReply(clip));
  return skillResponse({
    outputs: [output],
    quickReplies,
    data: {
      outcome: 'browse',
      categories: [...at],
      page: current,
      pages,
      subcategories: pageItems.flatMap((i) => (i.kind === 'category' ? [i.path[i.path.length - 1]!] : [])),
      faqIds: pageItems.flatMap((i) => (i.kind === 'question' ? [i.entry.id] : [])),
    },
    onClip: clip.onClip,
  });
}

/** Items at `path`, after walking down through levels that hold a single sub-category and nothing else. */
function resolveLevel(faq: FaqStore, path: readonly string[]): { at: string[]; items: Item[] } | undefined {
  let at = [...path];
  let entries = at.length === 0 ? [...faq.entries] : faq.inCategory(at);
  if (entries.length === 0) return undefined;
  for (;;) {
    const children = childCategories(entries, at);
    const leaves = entries.filter((e) => e.categories.length === at.length);
    if (children.length === 1 && leaves.length === 0) {
      at = [...at, children[0]!.name];
      continue;
    }
    if (at.length > 0 && (children.length === 0 || entries.length <= SMALL_CATEGORY)) {
      return { at, items: entries.map((entry) => ({ kind: 'question', entry })) };
    }
    const categories: Item[] = children.map((c) => ({ kind: 'category', path: [...at, c.name], count: c.count }));
    return { at, items: [...categories, ...leaves.map((entry): Item => ({ kind: 'question', entry }))] };
  }
}

/**
 * Where 상위 분야 goes from the level shown at `at`: the nearest ancestor that shows another screen. A parent
 * holding `at` as its only sub-category (and no questions) was walked past on the way down and would show
 * `at` again. Undefined when only the top is above (처음으로 goes there).
 */
function upFrom(faq: FaqStore, at: readonly string[]): string[] | undefined {
  for (let depth = at.length - 1; depth >= 1; depth--) {
    const ancestor = at.slice(0, depth);
    if (!samePath(resolveLevel(faq, ancestor)?.at ?? ancestor, at)) return ancestor;
  }
  return undefined;
}

/** The path the top screen shows: [] unless the whole FAQ sits under a single service with one path down. */
function topLevel(faq: FaqStore): readonly string[] {
  // with two or more services the top lists them; only a single one can be walked past
  return faq.topCategories().length === 1 ? (resolveLevel(faq, [])?.at ?? []) : [];
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

/** Direct sub-categories of `at` with their entry counts; services by size, deeper levels in data order. */
function childCategories(entries: readonly FaqEntry[], at: readonly string[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) {
    const child = e.categories[at.length];
    if (child !== undefined) counts.set(child, (counts.get(child) ?? 0) + 1);
  }
  const children = [...counts].map(([name, count]) => ({ name, count }));
  return at.length === 0 ? children.sort((a, b) => b.count - a.count) : children;
}

function listItem(item: Item, at: readonly string[]): ListItemFields {
  if (item.kind === 'category') {
    const name = item.path[item.path.length - 1]!;
    return {
      title: name,
      description: COPY.browse.questionCount(item.count),
      action: 'message',
      messageText: COPY.browse.categoryUtterance(name),
      extra: { browse: item.path },
    };
  }
  const { entry } = item;
  const below = entry.categories.slice(at.length).join(' › ');
  return {
    title: entry.question,
    ...(below ? { description: below } : {}),
    action: 'message',
    messageText: entry.question,
    extra: { faqId: entry.id },
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
