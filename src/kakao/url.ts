/**
 * Links in the kakao room: which URLs may become a link, a webLink button or a thumbnail's link (only
 * absolute http(s) ones: Kakao accepts no other scheme [CS], and javascript:, data:, a relative path or text
 * that merely looks like a URL must stay plain text), and where a URL written in Korean text ends. Nothing
 * else of the project is imported.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/** True for an absolute http(s) URL: Kakao accepts only http and https links [CS]. */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === 'string' && /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value);
}

/**
 * Safe links: `candidate` as a normalised http(s) href, or undefined for everything else (javascript:,
 * data:, a relative path, text that merely looks like a URL), which then stays plain text.
 */
export function safeHttpUrl(candidate: string): string | undefined {
  // the scheme test and URL.canParse leave only http: and https: URLs
  return /^https?:\/\//i.test(candidate) && URL.canParse(candidate) ? new URL(candidate).href : undefined;
}

/**
 * Where a URL written in FAQ text ends (src/faq-admin/swallowed-link.ts says what a broken one looks like).
 * Korean writing puts particles and
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
