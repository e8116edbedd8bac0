import { domainToUnicode } from 'node:url';

/**
 * Where a URL written in FAQ text ends, and what a broken one looks like. Korean writing puts particles and
 * words right after a URL ("https://x.com/refund에서 확인하세요"), so a URL ends at the first character that
 * cannot be written in a URL unencoded (Hangul, any other non-ASCII script, spaces, quotes, <>), and trailing
 * punctuation belongs to the sentence unless the URL needs it (a ")" closing a "(" inside the URL stays).
 * The one Hangul a URL may hold is a Korean domain's: labels right after "://" that a dot and an ASCII
 * top-level domain follow ("https://한국.kr/…", "https://정부24.go.kr").
 * Without this, "…/refund에서" linked to "…/refund%EC%97%90%EC%84%9C" and "https://www.tosspayments.com카드"
 * to the punycode host "www.xn--tosspayments-….com".
 */

/** A URL found in text: `text.slice(start, end) === url`. */
export interface UrlInText {
  url: string;
  start: number;
  end: number;
}

const URL_START = /https?:\/\//gi;
/** RFC 3986 characters, less the quotes (`'` and `` ` `` end a quoted URL far more often than they occur in one). */
const URL_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]/;
/** Sentence punctuation that ends a URL's sentence rather than the URL. */
const TRAILING_PUNCTUATION = /[.,;:!?]/;
/** Hangul host labels right after the scheme, up to the dot before an ASCII top-level domain (read on as URL_CHAR). */
const HANGUL_HOST = /[\uac00-\ud7a3][\uac00-\ud7a3A-Za-z0-9-]*(?:\.[\uac00-\ud7a3A-Za-z0-9-]+)*(?=\.[A-Za-z]{2,})/y;

/** Every http(s) URL in `text`, cut where the URL really ends (see the module comment). */
export function findUrls(text: string): UrlInText[] {
  const found: UrlInText[] = [];
  for (const match of text.matchAll(URL_START)) {
    const start = match.index;
    if (found.length > 0 && start < found[found.length - 1]!.end) continue;
    let end = start + match[0].length;
    HANGUL_HOST.lastIndex = end;
    if (HANGUL_HOST.test(text)) end = HANGUL_HOST.lastIndex;
    while (end < text.length && URL_CHAR.test(text[end]!)) end += 1;
    end = start + trimmedLength(text.slice(start, end));
    const url = text.slice(start, end);
    if (url.length > match[0].length) found.push({ url, start, end });
  }
  return found;
}

/**
 * Drops trailing sentence punctuation and closing brackets that have no opening partner inside the URL.
 * The brackets are counted once and the counts follow each character dropped, so a URL ending in a long run
 * of ")" costs one pass, not one pass per bracket.
 */
function trimmedLength(candidate: string): number {
  const open = { ')': count(candidate, '('), ']': count(candidate, '[') };
  const close = { ')': count(candidate, ')'), ']': count(candidate, ']') };
  let length = candidate.length;
  for (; length > 0; length--) {
    const last = candidate[length - 1]!;
    if (last === ')' || last === ']') {
      if (open[last] >= close[last]) break;
      close[last] -= 1;
    } else if (!TRAILING_PUNCTUATION.test(last)) break;
  }
  return length;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n += 1;
  return n;
}

/** An ASCII word with Hangul glued on its end ("refund에서", "com카드"), the Hangul captured. */
const GLUED_KOREAN = /[A-Za-z0-9_-]([\u3130-\u318f\uac00-\ud7af]+)$/;

/**
 * Why a link looks like it swallowed the text after it, or undefined. Two tell-tales: a punycode host
 * (`xn--`, what a browser makes of "tosspayments.com카드") and a path ending in percent-encoded Hangul glued
 * to an ASCII word ("/refund%EC%97%90%EC%84%9C" is "/refund에서"). Korean in a query value is normal.
 */
export function swallowedTextIn(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  const url = new URL(link);
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    const readable = domainToUnicode(url.hostname);
    // "com카드": an ASCII label with Korean glued on is a swallowed word; "한국.kr" is a real Korean domain
    const swallowed = readable.split('.').some((label) => GLUED_KOREAN.test(label));
    return `has a punycode host "${url.hostname}" ("${readable}"): ${swallowed ? 'Korean text after the URL was taken into the host' : 'check that the host is meant'}`;
  }
  const lastSegment = url.pathname.replace(/\/$/, '').split('/').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(lastSegment);
  } catch {
    return undefined;
  }
  const glued = GLUED_KOREAN.exec(decoded);
  return glued ? `ends in percent-encoded Korean "${glued[1]}": the text after the URL was taken into the path` : undefined;
}
