import type { FaqEntry } from '../../faq/faq-schema';
import { createFaqStore, type FaqStore } from '../../faq/faq-store';
import { entryLabel, finding, type LintFinding } from './lint-finding';
import { questionKey, similarPairs } from './similarity';

/** Questions at least this similar (and not identical) are reported as near duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

const pathOf = (entry: FaqEntry) => entry.categories.join(' › ');

/**
 * Duplicate ids (error); the same question under the same category path (error: one of them can never
 * be answered); the same question under different paths (warning, saying what users who ask it get from
 * `store`, the matcher over these entries: a which-one question when the answers differ, as for platform
 * variants; one answer directly when the answers are the same text); near duplicates with their similarity
 * (warning).
 */
export function findDuplicates(entries: readonly FaqEntry[], threshold = NEAR_DUPLICATE_THRESHOLD, store?: FaqStore): LintFinding[] {
  const findings: LintFinding[] = [];
  let matcher = store;
  const matcherStore = () => (matcher ??= createFaqStore({ schemaVersion: 1, entries: [...entries] }));

  const byId = groupBy(entries, (e) => e.id);
  for (const [id, group] of byId) {
    if (group.length > 1) {
      findings.push(finding('error', 'duplicate-id', `id ${id} is used by ${group.length} entries`, group.map((e) => e.id)));
    }
  }

  for (const group of groupBy(entries, (e) => questionKey(e.question)).values()) {
    if (group.length < 2) continue;
    for (const samePath of groupBy(group, pathOf).values()) {
      if (samePath.length < 2) continue;
      findings.push(
        finding(
          'error',
          'duplicate-question',
          `${samePath.map(entryLabel).join(' and ')} are the same question under ${pathOf(samePath[0]!)}`,
          samePath.map((e) => e.id),
          { similarity: 1 },
        ),
      );
    }
    const paths = [...new Set(group.map(pathOf))];
    if (paths.length > 1) {
      findings.push(
        finding(
          'warning',
          'same-question',
          `"${group[0]!.question}" is asked under ${paths.length} category paths (${paths.join(' | ')}); ${whatUsersGet(matcherStore(), group)}`,
          group.map((e) => e.id),
          { similarity: 1 },
        ),
      );
    }
  }

  for (const { a, b, similarity } of similarPairs(entries.map((e) => e.question), threshold)) {
    const [x, y] = [entries[a]!, entries[b]!];
    findings.push(
      finding('warning', 'near-duplicate', `${entryLabel(x)} and ${entryLabel(y)} are ${Math.round(similarity * 100)}% alike`, [x.id, y.id], {
        similarity,
      }),
    );
  }
  return findings;
}

/** What the skill does with the question, in the words of the lint message (lint runs the real matcher). */
function whatUsersGet(store: FaqStore, group: readonly FaqEntry[]): string {
  const match = store.match(group[0]!.question);
  const [top] = match.hits;
  if (match.outcome === 'clarify') return 'users get a which-one question';
  if (match.outcome === 'answer' && top) {
    const answer = (e: FaqEntry) => e.answer.replace(/\s+/g, ' ').trim();
    const same = group.every((e) => answer(e) === answer(group[0]!));
    return `users get the answer under ${pathOf(top.entry)} directly, no which-one question${same ? ' (the answers are the same text, so the matcher treats the entries as one)' : ''}`;
  }
  return 'users asking it get no confident answer';
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
