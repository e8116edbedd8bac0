import { createHash } from 'node:crypto';

/**
 * A stable id for an entry: the same category path and question always give the same id, so
 * re-importing a source keeps links (`/faq/:id`) and feedback records pointing at the same entry.
 * Entries that share a question under different categories (the 멀티프로필 platform variants) differ.
 */
export function faqIdFor(categories: readonly string[], question: string): string {
  const key = `${categories.map((c) => c.trim()).join('\u001f')}\u001e${question.trim()}`;
  return `faq-${createHash('sha256').update(key.normalize('NFC')).digest('hex').slice(0, 12)}`;
}

/** Makes ids unique within one import by suffixing repeats (`-2`, `-3`, …) in input order. */
export function dedupeIds<T extends { id: string }>(entries: readonly T[]): T[] {
  const used = new Set<string>();
  return entries.map((entry) => {
    let id = entry.id;
    for (let n = 2; used.has(id); n += 1) id = `${entry.id}-${n}`;
    used.add(id);
    return id === entry.id ? entry : { ...entry, id };
  });
}
