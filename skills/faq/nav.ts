import { COPY } from '../../src/copy';
import { quickReply, type QuickReply } from '../../src/kakao';

/**
 * Navigation shared by every reply: the "처음으로" chip that opens the list of services, and the typed
 * words that mean the same. Routing travels in `extra` (`{ browse: [] }`), so it works from any block.
 */

export function homeQuickReply(label: string = COPY.nav.home): QuickReply {
  return quickReply.message(label, label, { browse: [] });
}

/** A chip that opens one category; the chat shows "<category> 질문 보기". */
export function categoryQuickReply(path: readonly string[]): QuickReply {
  const name = path[path.length - 1] ?? '';
  return quickReply.message(name, COPY.browse.categoryUtterance(name), { browse: [...path] });
}

/** Chips for the first `max` of `categories` (top-level names), as under the fallback and small talk. */
export function categoryQuickReplies(categories: readonly string[], max: number): QuickReply[] {
  return categories.slice(0, max).map((name) => categoryQuickReply([name]));
}

// Typed (not tapped) requests for the top menu. Whole-message only: "처음으로 돌아가면 환불되나요" is a question.
const HOME_UTTERANCE = /^\s*(처음(으로)?|메뉴|카테고리|전체\s*분야(\s*보기)?|분야\s*보기|목록|홈)\s*[.!?]*\s*$/u;

export function isHomeUtterance(utterance: string): boolean {
  return HOME_UTTERANCE.test(utterance.normalize('NFC'));
}
