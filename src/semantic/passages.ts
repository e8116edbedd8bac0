import { E5_PASSAGE_PREFIX, E5_QUERY_PREFIX } from './embedder';

/**
 * The texts embedded for one FAQ entry, with the e5 prefixes: the question and each alternate question as
 * `query: ` (a user's question against a stored question is the symmetric task e5 trains with `query: ` on
 * both sides), and the question followed by the first sentences of the answer as `passage: ` (question →
 * document is the asymmetric task), so that words found only in the answer still count. The answer passage
 * leads with its question because an answer snippet alone often never names its subject ("마스터만 설정할
 * 수 있습니다"): on the train split, cross-validated by `npm run eval -- --tune`, question + answer gave
 * answer@1 90.3% against 88.8% for the answer alone (and 88.5% for both as separate passages).
 * A pure function of the entry, cheap enough to run over 100,000 entries at every reload.
 */

/** Which part of an entry a passage came from; `nearest` reports the kind that matched best. */
export type PassageKind = 'question' | 'alternate' | 'answer';

export const PASSAGE_KINDS: readonly PassageKind[] = ['question', 'alternate', 'answer'];

export interface Passage {
  kind: PassageKind;
  /** Exactly the text sent to the embedder (prefix included); its SHA-256 keys the vector cache. */
  text: string;
}

/** The fields of an entry that passages are made from (a `FaqEntry` fits). */
export interface PassageSource {
  question: string;
  alternateQuestions?: readonly string[];
  answer: string;
}

/** Longest answer lead, in characters: e5-small reads 512 tokens, but an answer's point is in its first lines. */
export const ANSWER_LEAD_CHARS = 200;

/** The passages of one entry, question first; duplicates (an alternate equal to the question) are dropped. */
export function passagesOf(entry: PassageSource): Passage[] {
  const out: Passage[] = [];
  const seen = new Set<string>();
  const add = (kind: PassageKind, text: string) => {
    if (text.length === 0 || seen.has(text)) return;
    seen.add(text);
    out.push({ kind, text });
  };
  const question = plainQuestion(entry.question);
  add('question', asQuery(question));
  for (const alternate of entry.alternateQuestions ?? []) add('alternate', asQuery(plainQuestion(alternate)));
  const lead = answerLead(entry.answer);
  if (lead.length > 0) add('answer', `${E5_PASSAGE_PREFIX}${question} ${lead}`.trimEnd());
  return out;
}

const plainQuestion = (question: string): string => collapse(question.normalize('NFC'));

/** A question as a query passage (`plainQuestion` text), or '' when nothing is left of it. */
function asQuery(text: string): string {
  return text.length === 0 ? '' : E5_QUERY_PREFIX + text;
}

/**
 * The first sentences of an answer as plain text: URLs, HTML tags and Markdown marks removed (they carry no
 * meaning for the model and eat its tokens), whitespace collapsed, then cut to at most `maxChars` characters
 * (code points) at the last sentence end, else at the last space, so that no word is cut in half.
 */
export function answerLead(answer: string, maxChars = ANSWER_LEAD_CHARS): string {
  // Only the head can end up in the lead; cleaning a 20,000-character answer whole would be wasted work.
  const head = answer.slice(0, maxChars * 8).normalize('NFC');
  const plain = collapse(
    head
      .replace(/<[^<>]{0,200}>/g, ' ') // HTML tags
      .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1') // Markdown links and images keep their text
      .replace(/\b(?:https?:\/\/|www\.)\S+/gi, ' ')
      .replace(/&(?:nbsp|amp|lt|gt|quot|#39);/g, ' ')
      .replace(/^[ \t]*>+/gm, ' ') // a quote mark; "설정 > 알림" inside a line is a menu path and stays
      .replace(/[*_`#|~]+/g, ' ')
      .replace(/[[\]]/g, ''), // [설정] > [알림]: the button names stay, the brackets go
  );
  const chars = [...plain];
  if (chars.length <= maxChars) return plain;
  const window = chars.slice(0, maxChars).join('');
  const sentenceEnd = lastSentenceEnd(window);
  // a first sentence shorter than a third of the lead is too little; cut at a word instead
  if (sentenceEnd >= window.length / 3) return window.slice(0, sentenceEnd).trim();
  const space = window.lastIndexOf(' ');
  return (space > 0 ? window.slice(0, space) : window).trim();
}

/**
 * Index just past the last `.`, `!`, `?` or `。` that ends a sentence (followed by a space or the end), or -1.
 * A dot after a digit numbers a step ("1. 설정을 엽니다"); it ends nothing.
 */
function lastSentenceEnd(text: string): number {
  let end = -1;
  for (const match of text.matchAll(/(?<!\d)[.!?。](?=\s|$)/g)) end = match.index + 1;
  return end;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
