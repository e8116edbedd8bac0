/**
 * Turns a chat message into weighted query terms, each with the forms it may take in FAQ text
 * (itself, synonyms, a typo correction, the words behind a 초성 abbreviation).
 */
import type { CandidateIndex } from './candidate-index';
import { CHAT_CHOSEONG, CHAT_WORD_REWRITES } from './chat-lexicon';
import { GENERIC_VERBS } from './korean-lexicon';
import type { Lexicon } from './lexicon';
import { fixKeyboardLayout, isChoseongWord, isHangulWord } from './hangul';
import { normalizeText } from './normalize';
import { hasNegation, isPredicateForms, isStopword, stemForms, stemWord } from './stemming';
import type { SynonymIndex } from './synonyms';
import type { QueryContext } from './query-context';

/** One way a query term may appear in FAQ text, with how much a match on it is worth (0–1). */
export interface TermForm {
  form: string;
  quality: number;
  /**
   * True when the form occurs in few entries for the FAQ's size (see {@link DISTINCTIVE_SHARE}): found only in
   * an entry's answer, it is still evidence as strong as a word of the question.
   */
  distinctive?: boolean;
}

/** A content word of the query. `weight` is its normalised IDF in (0, 1]: rare words decide, common ones don't. */
export interface QueryTerm {
  stem: string;
  forms: TermForm[];
  weight: number;
  /** True when no FAQ entry contains the word or any of its forms. */
  unknown: boolean;
  /** True for words found all over the FAQ (카카오톡, 관리자센터): they never justify a match on their own. */
  generic: boolean;
  /** True for generic action verbs (변경, 등록, 설정, …; see GENERIC_VERBS): never a match on their own. */
  verb: boolean;
}

/** An utterance as the ranker sees it. */
export interface AnalyzedQuery {
  terms: QueryTerm[];
  /** All stems run together, for spacing-insensitive containment checks. */
  compact: string;
  /** The message states that something does not work or did not happen ("안 돼요", "못 받음"). */
  negated: boolean;
}

const SYNONYM_QUALITY = 0.9;
const CHOSEONG_QUALITY = 0.75;
/**
 * Weight of a word no FAQ entry contains (known words weigh their IDF divided by the IDF of an unseen word,
 * ≈0.76 for a word in one entry of 50). Unknown nouns are what make "카카오싱크 도입 비용" or "네이버 예약
 * 취소" out of domain, so they weigh as much as the rarest FAQ word; calibrated with the labelled sets.
 */
const UNKNOWN_WEIGHT = 1;
/** Most a generic action verb (변경, 등록, 설정, …) weighs in a message. */
const GENERIC_VERB_WEIGHT = 0.3;
/** Unknown verbs and adjectives ("들어와요", "날아가나요") carry less topic than unknown nouns. */
const UNKNOWN_PREDICATE_WEIGHT = 0.15;
/** Ceiling on the weight of a one-syllable word (받, 봇, 창): many FAQ words contain it. */
const ONE_SYLLABLE_WEIGHT = 0.35;
/** A word in more than this share of entries is generic (see {@link QueryTerm.generic}). */
const GENERIC_SHARE = 0.25;
/** Content words read per message: a rant adds nothing after this, except work. */
const MAX_TERMS = 32;
/** 초성 abbreviations below this many consonants in total are chat slang (ㅇㅋ, ㅎㅇ, ㄱㅅ), not queries. */
const MIN_CHOSEONG_CONSONANTS = 4;
/**
 * A form of ≥ 3 characters in at most max(2, 1 % of the entries) entries is distinctive: that rare, it is in an
 * answer because the answer is about it (two-syllable words turn up inside answer compounds: 주식회사 ⊃ 회사).
 */
const DISTINCTIVE_MIN_DF = 2;
const DISTINCTIVE_SHARE = 0.01;
const DISTINCTIVE_MIN_LENGTH = 3;
/** {@link GENERIC_VERBS} as typed and as stemmed. */
const GENERIC_VERB_STEMS: ReadonlySet<string> = new Set(GENERIC_VERBS.flatMap((v) => [v, stemWord(v)]));

interface QueryWord {
  stem: string;
  choseong: boolean;
  predicate: boolean;
}

/** Analyses an utterance. Returns no terms for empty, emoji-only or stopword-only input. */
export function analyzeQuery(utterance: string, ctx: QueryContext): AnalyzedQuery {
  const words = normalizeText(fixWrongKeyboard(utterance, ctx))
    .split(' ')
    .filter((w) => w && !CHAT_CHOSEONG.has(w));
  const choseongWords = words.filter(isChoseongWord);
  const useChoseong = choseongWords.join('').length >= MIN_CHOSEONG_CONSONANTS;

  const stems: QueryWord[] = [];
  for (const word of words) {
    if (isChoseongWord(word)) {
      if (useChoseong) stems.push({ stem: word, choseong: true, predicate: false });
      continue;
    }
    const { stems: wordStems, predicate } = ctx.words.get(word, () => {
      const forms = stemForms(word);
      return { stems: stemsOf(word, forms, ctx), predicate: isPredicateForms(forms) };
    });
    for (const stem of wordStems) stems.push({ stem, choseong: false, predicate });
  }

  const terms: QueryTerm[] = [];
  for (let i = 0; i < stems.length; i++) {
    const { stem, choseong, predicate } = stems[i]!;
    if (choseong) {
      const pieces = ctx.lexicon.expandChoseong(stem).length > 0 ? [stem] : (ctx.lexicon.segmentChoseong(stem) ?? []);
      for (const piece of pieces) addTerm(terms, choseongTerm(piece, ctx));
      continue;
    }
    const phrase = matchPhrase(stems, i, ctx.synonyms);
    if (phrase) {
      addTerm(terms, sharedTerm(phrase.key, ctx));
      i += phrase.words - 1;
      continue;
    }
    addTerm(terms, sharedTerm(stem, ctx, predicate));
  }
  return {
    terms: terms.slice(0, MAX_TERMS),
    compact: stems.filter((s) => !s.choseong).map((s) => s.stem).join(''),
    negated: hasNegation(words.join(' ')),
  };
}

/** {@link termFor} once per matcher. */
const sharedTerm = (stem: string, ctx: QueryContext, predicate = false) => ctx.terms.get(`${+predicate}${stem}`, () => termFor(stem, ctx, predicate));
/** Appends a term unless it is undefined or its stem is already a term (queries have a few terms: a scan). */
function addTerm(terms: QueryTerm[], term: QueryTerm | undefined): void {
  if (term === undefined) return;
  for (let i = 0; i < terms.length; i++) if (terms[i]!.stem === term.stem) return;
  terms.push(term);
}

/**
 * Re-reads Latin words typed in the wrong keyboard layout ("ghksqnf" → 환불), unless the word is one the FAQ
 * or the synonym table knows ("aml", "extra", "refund"). Works on the raw text because Shift matters (R = ㄲ).
 */
function fixWrongKeyboard(utterance: string, ctx: QueryContext): string {
  const nfc = utterance.normalize('NFC');
  // only words of Latin letters are re-read; most messages have none
  if (!/[a-zA-Z]/.test(nfc)) return nfc;
  return nfc
    .split(/(\s+)/)
    .map((raw) => {
      const letters = raw.replace(/[^\p{L}\p{N}]/gu, '');
      const lower = letters.toLowerCase();
      if (ctx.lexicon.has(lower) || ctx.synonyms.keys.has(lower)) return raw;
      return fixKeyboardLayout(letters) ?? raw;
    })
    .join('');
}

/** Multi-word synonym terms ("돈 돌려받기"): the longest run of stems starting at `i` that is a synonym key. */
function matchPhrase(
  stems: readonly QueryWord[],
  i: number,
  synonyms: SynonymIndex,
): { key: string; words: number } | undefined {
  for (let n = Math.min(synonyms.maxWords, stems.length - i); n >= 2; n--) {
    const run = stems.slice(i, i + n);
    if (run.some((s) => s.choseong)) continue;
    const key = run.map((s) => s.stem).join('');
    if (synonyms.get(key)) return { key, words: n };
  }
  return undefined;
}

/**
 * Content stems of one query word. The most stripped form the FAQ or the synonym table knows wins
 * ("광고" keeps its 고, "환불받는" becomes 환불); a run-together word nobody knows is split into FAQ words
 * ("교환접수건반품변경" → 교환 접수 반품 변경); otherwise the fully stripped form stands as an unknown word.
 */
function stemsOf(word: string, forms: readonly string[], ctx: QueryContext): string[] {
  const stem = forms[forms.length - 1]!;
  if (isStopword(word) || isStopword(stem)) return [];
  for (let i = forms.length - 1; i >= 0; i--) if (isKnown(forms[i]!, ctx)) return [forms[i]!];
  // a misspelt FAQ word ("예약춰소") is corrected later; splitting it first would lose it
  for (let i = forms.length - 1; i >= 0; i--) if (ctx.lexicon.correct(forms[i]!).length > 0) return [forms[i]!];
  if (isHangulWord(word) && word.length >= 3) {
    const pieces = ctx.lexicon.segment(word, ctx.synonyms.keys);
    if (pieces) {
      const out: string[] = [];
      for (const piece of pieces) {
        const pieceForms = stemForms(piece);
        let known: string | undefined;
        for (let i = 0; known === undefined && i < pieceForms.length; i++) {
          if (isKnown(pieceForms[i]!, ctx)) known = pieceForms[i]!;
        }
        const pieceStem = known ?? stemWord(piece);
        if (!isStopword(pieceStem)) out.push(pieceStem);
      }
      return out;
    }
  }
  return [stem];
}

/** True when the FAQ or the synonym table knows a stem. */
function isKnown(stem: string, ctx: QueryContext): boolean {
  return ctx.synonyms.get(stem) !== undefined || ctx.index.stemDf(stem) > 0;
}

function termFor(stem: string, ctx: QueryContext, predicate = false): QueryTerm | undefined {
  if (!stem || isStopword(stem)) return undefined;
  const full = CHAT_WORD_REWRITES.get(stem);
  if (full !== undefined) return abbreviationTerm(stem, full, ctx);
  const forms: TermForm[] = [{ form: stem, quality: 1 }];
  for (const s of ctx.synonyms.get(stem) ?? []) addForm(forms, s, SYNONYM_QUALITY);
  const selfDf = ctx.index.stemDf(stem);
  if (selfDf === 0 && forms.length === 1) {
    for (const fix of ctx.lexicon.correct(stem)) {
      addForm(forms, fix.term, fix.quality);
      for (const s of ctx.synonyms.get(fix.term) ?? []) addForm(forms, s, fix.quality * SYNONYM_QUALITY);
    }
  }
  return withWeight(stem, forms, selfDf, ctx, predicate);
}

/**
 * A one-syllable chat abbreviation (폰, 톡, 컴): the term of its full form, which also looks for the word as
 * typed (where the FAQ itself writes 폰 or 앱).
 */
function abbreviationTerm(typed: string, full: string, ctx: QueryContext): QueryTerm | undefined {
  const term = termFor(full, ctx);
  if (term === undefined) return undefined;
  addForm(term.forms, typed, 1);
  // weighs as the more common of the two spellings: 앱 all over a FAQ makes 어플 no rarer
  if (ctx.index.stemDf(typed) > 0) term.weight = Math.min(term.weight, ctx.index.stemIdf(typed) / ctx.index.unknownIdf);
  return term;
}

/** Adds a form, or raises the quality of the same form added before. */
function addForm(forms: TermForm[], form: string, quality: number): void {
  for (const f of forms) {
    if (f.form === form) {
      f.quality = Math.max(f.quality, quality);
      return;
    }
  }
  forms.push({ form, quality });
}

function choseongTerm(word: string, ctx: QueryContext): QueryTerm | undefined {
  const words = ctx.lexicon.expandChoseong(word);
  if (words.length === 0) return undefined;
  const forms = words.map((form) => ({ form, quality: CHOSEONG_QUALITY }));
  return withWeight(word, forms, 0, ctx);
}

/**
 * Weight of a term: the IDF of what the user typed when the FAQ knows it; otherwise of its most common known
 * form (a synonym must not make a word count more than the word it stands for); otherwise {@link UNKNOWN_WEIGHT}.
 */
function withWeight(stem: string, forms: TermForm[], selfDf: number, ctx: QueryContext, predicate = false): QueryTerm {
  const { index } = ctx;
  let weightedBy: string | undefined = selfDf > 0 ? stem : undefined;
  if (weightedBy === undefined) {
    for (const { form } of forms) {
      if (form !== stem && index.stemDf(form) > (weightedBy === undefined ? 0 : index.stemDf(weightedBy))) {
        weightedBy = form;
      }
    }
  }
  markDistinctive(forms, index);
  const verb = GENERIC_VERB_STEMS.has(stem) || (weightedBy !== undefined && GENERIC_VERB_STEMS.has(weightedBy));
  if (weightedBy === undefined) {
    const weight = predicate ? UNKNOWN_PREDICATE_WEIGHT : UNKNOWN_WEIGHT;
    return { stem, forms, weight, unknown: true, generic: false, verb };
  }
  let weight = index.stemIdf(weightedBy) / index.unknownIdf;
  // the index only sees one-syllable words that stand alone, so their IDF is unreliable; they are ambiguous anyway
  if (stem.length === 1 && isHangulWord(stem)) weight = Math.min(weight, ONE_SYLLABLE_WEIGHT);
  // a generic verb says what to do, not what about: it weighs little whether found or missing
  if (verb) weight = Math.min(weight, GENERIC_VERB_WEIGHT);
  const generic = index.stemDf(weightedBy) > index.size * GENERIC_SHARE;
  return { stem, forms, weight, unknown: false, generic, verb };
}

/** Sets {@link TermForm.distinctive} (see {@link DISTINCTIVE_SHARE}); generic verbs never are. */
function markDistinctive(forms: TermForm[], index: CandidateIndex): void {
  const limit = Math.max(DISTINCTIVE_MIN_DF, index.size * DISTINCTIVE_SHARE);
  for (const f of forms) {
    if (f.form.length < DISTINCTIVE_MIN_LENGTH || GENERIC_VERB_STEMS.has(f.form)) continue;
    const df = index.stemDf(f.form);
    f.distinctive = df > 0 && df <= limit;
  }
}
