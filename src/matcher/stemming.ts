/**
 * Words to stems, shared by indexing and querying: particles and endings stripped, predicates and negation
 * recognised, stopwords dropped. Pure functions (stemming keeps one bounded memo: indexing repeats words).
 */
import { ENDINGS, PARTICLES, PROTECTED_WORDS, STOPWORDS, VERBAL_ENDINGS } from './korean-lexicon';
import { normalizeText } from './normalize';

const PARTICLE_SET: ReadonlySet<string> = new Set(PARTICLES);
const VERBAL_ENDING_SET: ReadonlySet<string> = new Set(VERBAL_ENDINGS);
/** Particles that may come before the polite 요 ("취소는요"); not 와/과/의 ("들어와요" is a verb). */
const AFTER_POLITE: ReadonlySet<string> = new Set(['은', '는', '이', '가', '을', '를', '에', '도', '만', '로', '으로', '에서']);
/** Endings grouped by their last syllable (longest first): stemming runs on every word of every answer. */
const ENDINGS_BY_LAST: ReadonlyMap<string, readonly string[]> = ENDINGS.reduce((map, e) => {
  const key = e[e.length - 1]!;
  map.set(key, [...(map.get(key) ?? []), e]);
  return map;
}, new Map<string, string[]>());

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;
const STEM_CACHE = new Map<string, string>();

/**
 * Successive forms of a word as particles and endings are stripped from its end, longest first, up to three
 * layers: "환불받으려면" → ["환불받으려면", "환불받", "환불"]. Never below one syllable (two for the verbal
 * endings in {@link VERBAL_ENDINGS}), never from {@link PROTECTED_WORDS}. Non-Hangul words have one form.
 */
export function stemForms(word: string): string[] {
  const forms = [word];
  if (!HANGUL_SYLLABLE.test(word)) return forms;
  let stem = word;
  let afterEnding: string | undefined;
  for (let round = 0; round < 3; round++) {
    if (isProtected(stem)) break;
    const last = stem[stem.length - 1]!;
    const verbal = stem.length >= 3 && VERBAL_ENDING_SET.has(last) ? last : undefined;
    const ending = strippableEnding(stem, last, afterEnding) ?? verbal;
    if (!ending) break;
    afterEnding = PARTICLE_SET.has(ending) ? undefined : ending;
    stem = stem.slice(0, stem.length - ending.length);
    forms.push(stem);
  }
  return forms;
}

/**
 * The longest ending of {@link ENDINGS} that `stem` ends with (its last character is `last`) and that may be
 * stripped after `afterEnding`, the ending stripped before it, if any. A loop, not `find` with a closure:
 * stemming runs on every word of every answer.
 */
function strippableEnding(stem: string, last: string, afterEnding: string | undefined): string | undefined {
  const candidates = ENDINGS_BY_LAST.get(last);
  if (candidates === undefined) return undefined;
  for (const e of candidates) {
    if (!stem.endsWith(e) || stem.length <= e.length) continue;
    // after a verb ending only more verb endings: "들어와요" is 들어와 + 요, not 들어 + 와 (particle) + 요;
    // 요 is also the polite particle after a noun ("취소는요"), so the common particles may precede it
    if (!PARTICLE_SET.has(e) || afterEnding === undefined || (afterEnding === '요' && AFTER_POLITE.has(e))) return e;
  }
  return undefined;
}

/** Protected nouns also protect compounds ending in them: "채널추가" keeps its 가 like "추가". */
function isProtected(stem: string): boolean {
  return PROTECTED_WORDS.has(stem) || PROTECTED_WORDS.has(stem.slice(-2)) || PROTECTED_WORDS.has(stem.slice(-3));
}

/**
 * True when the word is a predicate (verb/adjective form: "들어와요", "끝나면"), i.e. the ending nearest its stem
 * is not a noun particle. Unknown predicates say less about the topic than unknown nouns ("신분증", "톡서랍").
 */
export function isPredicate(word: string): boolean {
  return isPredicateForms(stemForms(word));
}

/** {@link isPredicate} of a word given its {@link stemForms}. */
export function isPredicateForms(forms: readonly string[]): boolean {
  if (forms.length < 2) return false;
  const inner = forms[forms.length - 2]!.slice(forms[forms.length - 1]!.length);
  // 기/음 make nouns of verbs (즐겨찾기, 받음); 하다/되다/받다 attach to nouns (선물하는, 차단됨, 송금받은)
  return !PARTICLE_SET.has(inner) && inner !== '기' && inner !== '음' && !/^[하해했할함합되돼됐된됨받]/.test(inner);
}

/**
 * The fully stripped stem of one normalised word (last of {@link stemForms}).
 *
 * @example stemWord('환불받으려면') // → '환불'
 */
export function stemWord(word: string): string {
  let stem = STEM_CACHE.get(word);
  if (stem === undefined) {
    const forms = stemForms(word);
    stem = forms[forms.length - 1]!;
    // bounded: indexing a large FAQ repeats the same words, but chat input must not grow memory forever
    if (STEM_CACHE.size >= 100_000) STEM_CACHE.clear();
    STEM_CACHE.set(word, stem);
  }
  return stem;
}

/** True for words that carry no topic (question words, filler, politeness); see {@link STOPWORDS}. */
export function isStopword(stem: string): boolean {
  return STOPWORDS.has(stem);
}

/**
 * Content stems of a text: normalised, split on spaces, particles/endings stripped, stopwords dropped.
 * Used for FAQ fields and queries alike.
 *
 * @example contentStems('환불 계좌는 어떻게 등록 하나요?') // → ['환불', '계좌', '등록']
 */
export function contentStems(text: string): string[] {
  return stemsOfNormalized(normalizeText(text));
}

/**
 * {@link contentStems} of text that is already the output of {@link normalizeText}. `memo` (word → stem, null
 * for a stopword) lets indexing stem each distinct word of a large FAQ once.
 */
export function stemsOfNormalized(normalized: string, memo?: Map<string, string | null>): string[] {
  return stemsOfWords(normalized.split(' '), memo);
}

/** {@link stemsOfNormalized} of the words of a normalised text (see {@link normalizedWords}). */
export function stemsOfWords(words: readonly string[], memo?: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (!word) continue;
    let stem = memo?.get(word);
    if (stem === undefined) {
      const s = stemWord(word);
      stem = s && !isStopword(s) && !isStopword(word) ? s : null;
      memo?.set(word, stem);
    }
    if (stem !== null) out.push(stem);
  }
  return out;
}

/**
 * Negated predicates: "안 돼요", "안됨", "못받음", "않아요", "없어요" (but not 안내, 안드로이드, 없애다).
 * A complaint ("메일로 못 받음") is about the entry that states the problem ("받지 못한 경우"), not the how-to.
 */
const NEGATION = /^(?:안|못|\S*않\S*|\S*없(?!애)\S*|(?:안|못)(?:돼|되|됨|와|옴|맞|보|들|받|나|열|떠|뜨|넘어|가|해|함|한|할|됐)\S*|\S+지못\S*)$/;

/** True when a normalised text contains a negated predicate (see {@link NEGATION}). */
export function hasNegation(normalized: string): boolean {
  // every alternative of NEGATION needs one of these syllables; most text has none (indexing tests every title)
  if (!/[안못않없]|불가/.test(normalized)) return false;
  for (const word of normalized.split(' ')) if (NEGATION.test(word)) return true;
  return /(?:불가|불가능)/.test(normalized);
}
