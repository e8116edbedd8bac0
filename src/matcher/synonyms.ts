/**
 * Operator-editable synonym groups (`data/synonyms.json`) and their query-side lookup.
 */
import { z } from 'zod';
import { compact, normalizeText } from './normalize';
import { contentStems } from './stemming';

/**
 * Groups of interchangeable terms, e.g. `["환불", "돈 돌려받기", "refund", "리펀드"]`. A term may be several
 * words. Expansion is query-side only: a query term that belongs to a group also looks for the group's other
 * terms, with slightly lower weight than the word the user typed.
 */
export type SynonymTable = readonly (readonly string[])[];

const SynonymFileSchema = z.object({
  groups: z.array(
    z.array(z.string().trim().min(1, 'a term must not be blank')).min(2, 'a group needs at least 2 terms'),
  ),
});

/**
 * Validates the parsed JSON of a synonyms file (`{ "groups": [["환불", "refund"], …] }`).
 *
 * @throws Error with a readable, multi-line description of every problem (zod's `prettifyError`).
 */
export function parseSynonyms(json: unknown): SynonymTable {
  const result = SynonymFileSchema.safeParse(json);
  if (!result.success) throw new Error(`invalid synonyms file:\n${z.prettifyError(result.error)}`);
  return result.data.groups;
}

/**
 * Canonical key of a synonym term: its content stems without spaces, so "돈 돌려받기", "돈돌려받는" and
 * "돈 돌려 받기" meet. Returns "" for a term made only of stopwords.
 */
export function synonymKey(term: string): string {
  const stems = contentStems(term);
  return stems.length > 0 ? stems.join('') : compact(normalizeText(term));
}

/**
 * Synonym groups never widen one-syllable stems: a one-syllable word (받, 창, 볼, 폰) is ambiguous and occurs
 * inside many longer words, so it neither expands to its group nor is added as an expansion of a longer word
 * ("팝업" must not look for every 창 in the FAQ).
 */
const MIN_KEY_LENGTH = 2;

/** Query-side lookup: key of a term → keys of the other terms of every group it belongs to. */
export interface SynonymIndex {
  /** Other terms' keys for a key, or undefined when the key is in no group. */
  get(key: string): readonly string[] | undefined;
  /** Longest number of words in any term, so the query scanner knows how far to look ahead. */
  readonly maxWords: number;
  readonly keys: ReadonlySet<string>;
}

/**
 * Builds the lookup. Terms that normalise to nothing or to one syllable are ignored; a term in several groups
 * gets all of them.
 */
export function buildSynonymIndex(table: SynonymTable): SynonymIndex {
  const map = new Map<string, Set<string>>();
  let maxWords = 1;
  for (const group of table) {
    // one-syllable terms take no part (see MIN_KEY_LENGTH)
    const keys = [...new Set(group.map(synonymKey).filter((k) => k.length >= MIN_KEY_LENGTH))];
    for (const term of group) maxWords = Math.max(maxWords, normalizeText(term).split(' ').length);
    for (const key of keys) {
      const others = map.get(key) ?? new Set<string>();
      for (const other of keys) if (other !== key) others.add(other);
      map.set(key, others);
    }
  }
  const frozen = new Map([...map].map(([k, v]) => [k, [...v] as readonly string[]]));
  return { get: (key) => frozen.get(key), maxWords, keys: new Set(frozen.keys()) };
}
