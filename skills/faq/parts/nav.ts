import { COPY } from '../../../src/copy';
import type { FaqStore } from '../../../src/faq/faq-store';
import { quickReply, type ClipOptions, type QuickReply } from '../../../src/kakao';
import { builtOnce } from './built-once';

/**
 * Navigation shared by every reply: the "처음으로" chip that opens the list of services, and the typed
 * words that mean the same. Routing travels in `extra` (`{ browse: [] }`), so it works from any block.
 */

/** Services offered as chips where nothing else fits (fallback, small talk, clarify). */
const FALLBACK_CATEGORIES = 8;

/** The "처음으로" chip (or another label for the same list of services); one per label, built once. */
export function homeQuickReply(clip: ClipOptions, label: string = COPY.nav.home): QuickReply {
  return builtOnce(HOME_CHIPS, label, clip, (options) => quickReply.message(label, label, { browse: [] }, options));
}

const HOME_CHIPS = {};

/** A chip that opens one category; the chat shows "<category> 질문 보기". */
function categoryQuickReply(clip: ClipOptions, path: readonly string[]): QuickReply {
  const name = path[path.length - 1] ?? '';
  return quickReply.message(name, COPY.browse.categoryUtterance(name), { browse: [...path] }, clip);
}

/**
 * Chips for the first `max` of `categories` (top-level names), as under the fallback and small talk. Built once
 * for a frozen list ({@link topCategoryNames}: it cannot change under the chips), else on every call.
 */
export function categoryQuickReplies(clip: ClipOptions, categories: readonly string[], max: number): readonly QuickReply[] {
  const build = (options: ClipOptions) => categories.slice(0, max).map((name) => categoryQuickReply(options, [name]));
  return Object.isFrozen(categories) ? builtOnce(categories, String(max), clip, build) : build(clip);
}

/** The largest services by name, the ones offered as chips when the reply has nothing better: once per snapshot. */
export function topCategoryNames(faq: FaqStore): readonly string[] {
  let names = TOP_CATEGORY_NAMES.get(faq);
  if (names === undefined) {
    names = Object.freeze(faq.topCategories().map((c) => c.name).slice(0, FALLBACK_CATEGORIES));
    TOP_CATEGORY_NAMES.set(faq, names);
  }
  return names;
}

const TOP_CATEGORY_NAMES = new WeakMap<FaqStore, readonly string[]>();

// Typed (not tapped) requests for the top menu. Whole-message only: "처음으로 돌아가면 환불되나요" is a question.
const HOME_UTTERANCE = /^\s*(처음(으로)?|메뉴|카테고리|전체\s*분야(\s*보기)?|분야\s*보기|목록|홈)\s*[.!?]*\s*$/u;

export function isHomeUtterance(utterance: string): boolean {
  return HOME_UTTERANCE.test(utterance.normalize('NFC'));
}
