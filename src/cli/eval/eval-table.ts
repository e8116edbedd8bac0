/**
 * The tables `npm run eval` prints: per split and per kind, answer@1, resolved, wrong and out-of-domain
 * fallback, one column group per configuration (lexical only, with the semantic stage), side by side.
 */
import type { ScoredCase } from './eval-set';

export interface Rates {
  n: number;
  inDomain: number;
  outOfDomain: number;
  /** In-domain utterances answered with a right entry. */
  answerAt1: number;
  /** In-domain utterances answered right or shown a right entry in the which-one carousel. */
  resolved: number;
  /** All utterances answered with a wrong entry (out-of-domain ones answered included). */
  wrong: number;
  /** Out-of-domain utterances not answered and not clarified (fallback, small talk or a person). */
  outOfDomainFallback: number;
}

export function ratesOf(cases: readonly ScoredCase[]): Rates {
  const inDomain = cases.filter((c) => c.expected.length > 0).length;
  const outOfDomain = cases.length - inDomain;
  const count = (verdicts: readonly string[]) => cases.filter((c) => verdicts.includes(c.verdict)).length;
  const share = (n: number, d: number) => (d === 0 ? Number.NaN : n / d);
  return {
    n: cases.length,
    inDomain,
    outOfDomain,
    answerAt1: share(count(['right-answer']), inDomain),
    resolved: share(count(['right-answer', 'right-in-clarify']), inDomain),
    wrong: share(count(['wrong-answer']), cases.length),
    outOfDomainFallback: share(count(['right-fallback']), outOfDomain),
  };
}

const pct = (x: number) => (Number.isNaN(x) ? '    –' : `${(x * 100).toFixed(1).padStart(5)}`);

/** One block per split: the overall row, then one row per kind; a column group per configuration. */
export function formatEvalTables(byConfig: ReadonlyMap<string, readonly ScoredCase[]>): string {
  const configs = [...byConfig.keys()];
  const all = byConfig.get(configs[0]!) ?? [];
  const splits = [...new Set(all.map((c) => c.split ?? 'all'))].sort((a, b) => (a === 'test' ? 1 : b === 'test' ? -1 : a.localeCompare(b)));
  const lines: string[] = [];
  const group = (name: string) => `${name.slice(0, 27).padEnd(27)}`;
  for (const split of splits) {
    lines.push('', `split ${split}`);
    lines.push(`${''.padEnd(14)}${'n'.padStart(5)}   ${configs.map(group).join(' | ')}`);
    lines.push(`${''.padEnd(14)}${''.padStart(5)}   ${configs.map(() => ' ans@1   res wrong  ood-fb').join(' | ')}`);
    const kinds = ['(all)', ...new Set(all.filter((c) => (c.split ?? 'all') === split).map((c) => c.kind))].sort();
    for (const kind of kinds) {
      const cells: string[] = [];
      let n = 0;
      for (const config of configs) {
        const cases = (byConfig.get(config) ?? []).filter((c) => (c.split ?? 'all') === split && (kind === '(all)' || c.kind === kind));
        const r = ratesOf(cases);
        n = r.n;
        cells.push(`${pct(r.answerAt1)} ${pct(r.resolved)} ${pct(r.wrong)}  ${pct(r.outOfDomainFallback)}`);
      }
      lines.push(`${kind.padEnd(14)}${String(n).padStart(5)}   ${cells.join(' | ')}`);
    }
  }
  return lines.join('\n');
}
