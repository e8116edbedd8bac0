import { runToEnd, sliceEnds, type BuildSteps } from '../matcher';
import type { FaqEntry } from './faq-schema';
import { questionKey } from './question-key';

/**
 * Which questions to suggest under an answer ("함께 찾는 질문"). Operators' picks (`entry.related`) come
 * first, in their order. The rest are scored by category proximity (the share of the category path two
 * entries have in common, so the same menu beats the same service) combined with how alike the matcher
 * finds them (its confidence for the other entry when asked this entry's question).
 *
 * Entries of another top-level service are offered only when this service has nothing else to offer and
 * the matcher finds them strongly alike: a 멀티프로필 answer once listed 예약 and 캐시 questions because
 * they shared the word "메뉴". The same question filed again (platform variants, one text under two
 * services) is never suggested: the user just read it.
 */

/** Weight of category proximity against matcher similarity in a candidate's score (both in [0, 1]). */
export const RELATED_PROXIMITY_WEIGHT = 0.5;
/** Lowest matcher confidence at which another service's entry may be suggested (above the answer threshold). */
export const CROSS_SERVICE_MIN_SIMILARITY = 0.6;
/** Matcher hits considered per entry. */
const SIMILAR_POOL = 12;
/** Entries of the same category path (deepest level first) considered per entry; bounds work on huge menus. */
const CATEGORY_POOL = 40;
/** Lists up to this length are kept per snapshot; every caller asks for fewer. */
const MEMO_LIMIT = 10;

/** The matcher, asked for up to `limit` entries like `text` with their confidence. */
export type SimilarEntries = (text: string, limit: number) => readonly { id: string; confidence: number }[];

/** What resolving curated references needs: entries by id and by {@link questionKey} of their question. */
export interface RelatedLookup {
  byId: ReadonlyMap<string, FaqEntry>;
  byQuestion: ReadonlyMap<string, readonly FaqEntry[]>;
  position: ReadonlyMap<string, number>;
}

export function relatedLookup(entries: readonly FaqEntry[]): RelatedLookup {
  return runToEnd(relatedLookupSteps(entries));
}

/** {@link relatedLookup} as a build that yields between slices of entries (src/faq/run-in-slices.ts). */
export function* relatedLookupSteps(entries: readonly FaqEntry[]): BuildSteps<RelatedLookup> {
  const byId = new Map<string, FaqEntry>();
  const byQuestion = new Map<string, FaqEntry[]>();
  const position = new Map<string, number>();
  for (let i = 0; i < entries.length; i++) {
    if (sliceEnds(i)) yield;
    const entry = entries[i]!;
    if (!byId.has(entry.id)) byId.set(entry.id, entry);
    if (!position.has(entry.id)) position.set(entry.id, i);
    const key = questionKey(entry.question);
    const list = byQuestion.get(key);
    if (list) list.push(entry);
    else byQuestion.set(key, [entry]);
  }
  return { byId, byQuestion, position };
}

/** Number of leading category levels two paths share (0: different services). */
export function sharedDepth(a: readonly string[], b: readonly string[]): number {
  let depth = 0;
  while (depth < a.length && depth < b.length && a[depth] === b[depth]) depth += 1;
  return depth;
}

/**
 * The entry a curated reference names: an id, else a question (compared as the matcher sees it, so spacing
 * and punctuation do not matter). A question filed under several paths resolves to the one closest to
 * `from`, then the first in the data. Undefined when nothing matches.
 */
export function resolveRelatedRef(from: Pick<FaqEntry, 'categories'>, ref: string, lookup: RelatedLookup): FaqEntry | undefined {
  const byId = lookup.byId.get(ref.trim());
  if (byId) return byId;
  const sameQuestion = lookup.byQuestion.get(questionKey(ref));
  if (!sameQuestion || sameQuestion.length === 0) return undefined;
  return [...sameQuestion].sort((a, b) => sharedDepth(from.categories, b.categories) - sharedDepth(from.categories, a.categories))[0];
}

/** A curated reference that names no entry, and the entry that lists it. */
export interface UnknownRelatedRef {
  entry: FaqEntry;
  ref: string;
}

/**
 * Curated references rewritten as the ids of the entries they name (import stores ids, so a later edit of a
 * question does not silently break the link). References that name no entry are kept as written, ignored
 * when serving, and returned so that import and lint can report them.
 */
export function resolveCuratedRelated(entries: readonly FaqEntry[]): { entries: FaqEntry[]; unknown: UnknownRelatedRef[] } {
  const lookup = relatedLookup(entries);
  const unknown: UnknownRelatedRef[] = [];
  const resolved = entries.map((entry) => {
    if (!entry.related || entry.related.length === 0) return entry;
    const ids = entry.related.map((ref) => {
      const target = resolveRelatedRef(entry, ref, lookup);
      if (!target) unknown.push({ entry, ref });
      return target?.id ?? ref;
    });
    const unique = [...new Set(ids)];
    return unique.every((id, i) => id === entry.related![i]) && unique.length === entry.related.length ? entry : { ...entry, related: unique };
  });
  return { entries: resolved, unknown };
}

/**
 * A function answering "which entries to suggest after `id`", at most `limit`. Lists are computed on first
 * use and kept for the life of the snapshot (a reload builds a new finder): computing every list up front
 * costs a matcher search per entry, seconds at 10,000 entries, on every reload.
 */
export function createRelatedFinder(
  similar: SimilarEntries,
  inCategory: (path: readonly string[]) => readonly FaqEntry[],
  lookup: RelatedLookup,
): (id: string, limit: number) => FaqEntry[] {
  const memo = new Map<string, readonly FaqEntry[]>();
  const rank = (entry: FaqEntry, limit: number) => rankRelated(entry, limit, lookup, similar, inCategory);
  return (id, limit) => {
    const entry = lookup.byId.get(id);
    if (!entry || limit <= 0) return [];
    if (limit > MEMO_LIMIT) return rank(entry, limit);
    let list = memo.get(id);
    if (!list) {
      list = rank(entry, MEMO_LIMIT);
      memo.set(id, list);
    }
    return list.slice(0, limit);
  };
}

function rankRelated(
  entry: FaqEntry,
  limit: number,
  lookup: RelatedLookup,
  similar: SimilarEntries,
  inCategory: (path: readonly string[]) => readonly FaqEntry[],
): FaqEntry[] {
  const picked: FaqEntry[] = [];
  const pickedIds = new Set([entry.id]);
  const pickedQuestions = new Set([questionKey(entry.question)]);
  const pick = (e: FaqEntry) => {
    picked.push(e);
    pickedIds.add(e.id);
    pickedQuestions.add(questionKey(e.question));
  };
  for (const ref of entry.related ?? []) {
    const target = resolveRelatedRef(entry, ref, lookup);
    if (target && !pickedIds.has(target.id) && picked.length < limit) pick(target);
  }
  if (picked.length >= limit) return picked;

  const similarity = new Map<string, number>();
  for (const hit of similar(entry.question, SIMILAR_POOL)) similarity.set(hit.id, hit.confidence);
  const candidates = new Map<string, FaqEntry>();
  for (let depth = entry.categories.length; depth >= 1 && candidates.size < CATEGORY_POOL; depth -= 1) {
    for (const e of inCategory(entry.categories.slice(0, depth))) {
      if (candidates.size >= CATEGORY_POOL) break;
      candidates.set(e.id, e);
    }
  }
  for (const id of similarity.keys()) {
    const e = lookup.byId.get(id);
    if (e) candidates.set(id, e);
  }

  const scored = [...candidates.values()].map((e) => {
    const shared = sharedDepth(entry.categories, e.categories);
    const proximity = shared / Math.max(entry.categories.length, e.categories.length);
    const sim = similarity.get(e.id) ?? 0;
    return { e, shared, sim, score: RELATED_PROXIMITY_WEIGHT * proximity + (1 - RELATED_PROXIMITY_WEIGHT) * sim };
  });
  const fresh = (s: { e: FaqEntry }) => !pickedIds.has(s.e.id) && !pickedQuestions.has(questionKey(s.e.question));
  const sameService = scored.filter((s) => s.shared > 0 && fresh(s));
  const pool = sameService.length > 0 ? sameService : scored.filter((s) => s.sim >= CROSS_SERVICE_MIN_SIMILARITY && fresh(s));
  const order = (e: FaqEntry) => lookup.position.get(e.id) ?? 0;
  pool.sort((a, b) => b.score - a.score || order(a.e) - order(b.e));
  for (const { e } of pool) {
    if (picked.length >= limit) break;
    // one of several platform variants of another question is enough (the closest, ranked first)
    if (!pickedQuestions.has(questionKey(e.question))) pick(e);
  }
  return picked;
}
