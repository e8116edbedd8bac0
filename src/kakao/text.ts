/**
 * Length counting and clipping for Kakao text fields. Kakao counts "characters"; we count Unicode code points
 * (`[...s].length`), the conservative reading of the contract, and cut only between grapheme clusters so
 * that a clipped text never ends in half an emoji, a lone surrogate, a stray ZWJ or a base letter whose
 * combining marks were cut away.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/**
 * The mark appended to shortened text: U+2026, one code point (3 bytes in UTF-8).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export const ELLIPSIS = '…';

/** What {@link clipText} returns. */
export interface ClipResult {
  /** The text to send: the input itself, or a prefix of it followed by {@link ELLIPSIS}. */
  readonly text: string;
  /** True when the input was longer than the limit and was shortened. */
  readonly clipped: boolean;
  /** Length of the input in code points. */
  readonly originalLength: number;
}

// One shared segmenter: constructing one per call is the expensive part of Intl.Segmenter.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// A ZWJ or whitespace left at the end would join to, or space before, the ellipsis.
const TRAILING_JUNK = /[\s\u200D]+$/u;

// Sentence ends: Latin and full-width punctuation, optionally followed by closing quotes or brackets.
// Korean sentences end in "다." / "요." etc., which the period already covers.
const SENTENCE_END = /[.?!。？！…]+["'”’)\]」』]*/gu;
const HANGUL = /^[\uAC00-\uD7A3]$/u;

/**
 * Length of `s` in Unicode code points, the unit of every limit in `KAKAO_LIMITS`.
 * An emoji such as "😀" counts 1 (it is 2 UTF-16 units); a Hangul syllable counts 1.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function charLength(s: string): number {
  let count = 0;
  for (const _ of s) count += 1;
  return count;
}

function assertMax(max: number): void {
  if (!Number.isInteger(max) || max < 1) {
    throw new RangeError(`max must be an integer of at least 1 code point, got ${max}`);
  }
}

/**
 * Characters that always stand alone as a grapheme cluster on the side of a cut: printable ASCII, line feed
 * and precomposed Hangul syllables (U+AC00–U+D7A3). Between two of them there is always a cluster boundary
 * (Unicode UAX #29: none of them is CR, a control that pairs, a Hangul jamo, an extender, a ZWJ, a
 * prepend mark or a regional indicator), so a cut there needs no segmenter.
 */
function standsAlone(code: number): boolean {
  return (code >= 0x20 && code <= 0x7e) || code === 0x0a || (code >= 0xac00 && code <= 0xd7a3);
}

/** The longest prefix of whole grapheme clusters with at most `budget` code points. */
function graphemePrefix(text: string, budget: number): string {
  // Fast path for the usual Korean or Latin text: find the UTF-16 index `budget` code points in; when
  // the characters on both sides of it stand alone, that index is a cluster boundary and the answer.
  let index = 0;
  for (let points = 0; points < budget && index < text.length; points += 1) {
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1); // NaN past the end
    // a surrogate pair is one code point; a lone surrogate counts as one too, as in `charLength`
    index += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  if (index >= text.length) return text;
  if (index > 0 && standsAlone(text.charCodeAt(index - 1)) && standsAlone(text.charCodeAt(index))) {
    return text.slice(0, index);
  }
  let end = 0;
  let used = 0;
  for (const { segment, index: at } of graphemes.segment(text)) {
    const size = charLength(segment);
    if (used + size > budget) break;
    used += size;
    end = at + segment.length;
  }
  return text.slice(0, end);
}

/**
 * Cuts `text` to at most `max` code points (`max` ≥ 1). When it is longer, the result is a prefix of `text`
 * (cut between grapheme clusters, trailing whitespace dropped) followed by "…", and the whole result
 * including the "…" fits in `max`. With `max` = 1 a long text becomes just "…".
 *
 * @throws RangeError when `max` is not an integer ≥ 1.
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function clipText(text: string, max: number): ClipResult {
  assertMax(max);
  const originalLength = charLength(text);
  if (originalLength <= max) return { text, clipped: false, originalLength };
  const kept = graphemePrefix(text, max - 1).replace(TRAILING_JUNK, '');
  return { text: kept + ELLIPSIS, clipped: true, originalLength };
}

/** Code-point offset of a UTF-16 index inside `s`. */
function codePointsBefore(s: string, index: number): number {
  return charLength(s.slice(0, index));
}

/** UTF-16 index just after the last sentence end in `window` that is not before `earliest` code points. */
function lastSentenceEnd(text: string, window: string, earliest: number): number | undefined {
  let best: number | undefined;
  for (const match of window.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    // "3.5" or "example.com" are not sentence ends: require whitespace (or a line break) after the mark,
    // except between Hangul ("…입니다.기본적으로"): help-center text often omits the space there.
    const next = text.charAt(end);
    const hangulJoin = HANGUL.test(next) && HANGUL.test(text.charAt(match.index - 1));
    if ((next === '' || /\s/u.test(next) || hangulJoin) && codePointsBefore(window, end) >= earliest) best = end;
  }
  const newline = window.lastIndexOf('\n');
  if (newline > 0 && codePointsBefore(window, newline) >= earliest && (best === undefined || newline > best)) {
    best = newline;
  }
  return best;
}

/** UTF-16 index of the last space in `window` that is not before `earliest` code points. */
function lastWordEnd(window: string, earliest: number): number | undefined {
  for (let i = window.length - 1; i > 0; i -= 1) {
    if (/\s/u.test(window.charAt(i))) {
      return codePointsBefore(window, i) >= earliest ? i : undefined;
    }
  }
  return undefined;
}

/**
 * Like {@link clipText}, but reads better and returns just the text (the input itself when it fits, so
 * `excerpt(s, n) !== s` tells whether it was shortened). When shortening, it prefers to end after a sentence
 * (".", "?", "!", "。", so also "…다." and "…요.") or at a line break, else at a space, provided that boundary
 * lies in the last ~40% of the allowed window; otherwise it cuts hard like `clipText`. A shortened result
 * always ends with "…" and has at most `max` code points.
 *
 * @throws RangeError when `max` is not an integer ≥ 1.
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function excerpt(text: string, max: number): string {
  assertMax(max);
  if (charLength(text) <= max) return text;
  const window = graphemePrefix(text, max - 1);
  // A boundary early in the window would throw away too much; 60% keeps most of the allowed text.
  const earliest = Math.ceil(charLength(window) * 0.6);
  const cut = lastSentenceEnd(text, window, earliest) ?? lastWordEnd(window, earliest);
  const kept = cut === undefined ? '' : window.slice(0, cut).replace(TRAILING_JUNK, '');
  return kept === '' ? clipText(text, max).text : kept + ELLIPSIS;
}
