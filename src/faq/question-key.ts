import { normalizeText } from '../matcher';

/**
 * The form two questions (or two user messages) are compared in: the matcher's normalisation (Unicode,
 * case, punctuation, repeated marks such as ?? and ㅠㅠ) with all spacing removed, because Korean spacing
 * varies ("생일 케이크 예약돼요?" / "생일케이크 예약 돼요??"). Equal keys mean the matcher cannot tell the
 * texts apart.
 */
export function questionKey(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

/**
 * Entries that ask one question with different answers (the question filed once per platform) share a key;
 * other entries have none. One text filed twice (same question, same answer) is no such pair: either answer
 * is the answer. `groups`: the entries by {@link questionKey} of their question (the store's related lookup).
 */
export function twinKeysOfGroups(groups: ReadonlyMap<string, readonly { id: string; answer: string }[]>): ReadonlyMap<string, string> {
  const keys = new Map<string, string>();
  for (const [key, group] of groups) {
    if (group.length > 1 && new Set(group.map((e) => e.answer)).size > 1) for (const e of group) keys.set(e.id, key);
  }
  return keys;
}

/** True when `text` reads, to the matcher, as the entry's question or one of its alternates. */
export function asksAlready(entry: { question: string; alternateQuestions: readonly string[] }, text: string): boolean {
  const key = questionKey(text);
  return [entry.question, ...entry.alternateQuestions].some((q) => questionKey(q) === key);
}
