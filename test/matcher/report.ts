/**
 * Prints accuracy figures for the matcher on labelled sets (not a test; run by hand):
 *
 *   npx tsx test/matcher/report.ts [test/fixtures/dev.jsonl test/fixtures/matcher-cases.jsonl] [--all]
 */
import { expectedIdsOf } from '../../src/cli/eval/eval-set';
import { loadCases, loadFaqDocs, loadMatcher, score, summarize, VERDICTS } from './eval-helpers';

const args = process.argv.slice(2);
const showAll = args.includes('--all');
const files = args.filter((a) => !a.startsWith('--'));
const docs = loadFaqDocs();
const matcher = loadMatcher(docs);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const label = (id: string | undefined) => `#${docs.findIndex((d) => d.id === id)}`;

for (const file of files.length ? files : ['test/fixtures/dev.jsonl', 'test/fixtures/matcher-cases.jsonl']) {
  const scored = score(loadCases(file), matcher, docs);
  const s = summarize(scored);
  console.log(`\n${file}: ${s.total} utterances (${s.inDomain} in domain, ${s.outOfDomain} out of domain)`);
  console.log(`  answered right ${pct(s.top1)} | right in clarify ${pct(s.rightInClarify)} | wrong answers ${pct(s.wrongAnswer)} | OOD fallback ${pct(s.oodFallback)}`);
  console.log(`  ${'kind'.padEnd(11)}${'n'.padStart(4)}${VERDICTS.map((v) => v.padStart(v.length + 1)).join('')}`);
  for (const [kind, row] of Object.entries(s.byKind).sort()) {
    console.log(`  ${kind.padEnd(11)}${String(row.total).padStart(4)}${VERDICTS.map((v) => String(row.counts[v] ?? 0).padStart(v.length + 1)).join('')}`);
  }
  for (const c of scored) {
    if (!showAll && (c.verdict === 'right-answer' || c.verdict === 'right-fallback')) continue;
    const got = c.top.slice(0, 4).map((h) => `${label(h.id)}:${h.confidence.toFixed(2)}`).join(' ');
    console.log(`  ${c.verdict.padEnd(22)} ${c.kind.padEnd(10)} ${JSON.stringify(c.utterance)} want ${c.expected.length ? c.expected.map((i) => `#${i}`).join('/') : '-'} → ${c.outcome} [${got}]`);
  }
}

// Calibration: how often the top hit is right, by its confidence (both sets; out-of-domain tops are never right).
const buckets = new Map<number, { n: number; right: number }>();
for (const file of files.length ? files : ['test/fixtures/dev.jsonl', 'test/fixtures/matcher-cases.jsonl']) {
  for (const c of score(loadCases(file), matcher, docs)) {
    const top = c.top[0];
    if (!top) continue;
    const bucket = Math.min(9, Math.floor(top.confidence * 10));
    const row = buckets.get(bucket) ?? { n: 0, right: 0 };
    row.n++;
    if (expectedIdsOf(c, docs).includes(top.id)) row.right++;
    buckets.set(bucket, row);
  }
}
console.log('\nTop-hit confidence → share right');
for (const [b, row] of [...buckets].sort((a, b) => a[0] - b[0])) {
  console.log(`  ${(b / 10).toFixed(1)}–${((b + 1) / 10).toFixed(1)}  ${String(row.n).padStart(3)} tops, ${pct(row.right / row.n)} right`);
}
