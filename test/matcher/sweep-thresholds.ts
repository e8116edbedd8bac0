/**
 * Re-tunes DEFAULT_THRESHOLDS (not a test; run by hand after changing the matcher or the data):
 *
 *   npx tsx test/matcher/sweep-thresholds.ts
 *
 * Searches answer / clarify / minGap on both labelled sets for the most in-domain utterances answered right
 * with at most 3% wrong answers and at least 90% out-of-domain fallbacks on each set, and prints the best few.
 */
import type { Thresholds } from '../../src/matcher';
import { loadCases, loadFaqDocs, loadMatcher, scoreHits, summarize } from './eval-helpers';

const docs = loadFaqDocs();
const matcher = loadMatcher(docs);
// search once; each threshold candidate only re-decides the same hits
const sets = ['test/fixtures/dev.jsonl', 'test/fixtures/matcher-cases.jsonl'].map((file) =>
  loadCases(file).map((c) => ({ c, top: matcher.search(c.utterance, { limit: 5 }) })),
);

function measure(cases: (typeof sets)[number], t: Thresholds) {
  const s = summarize(cases.map(({ c, top }) => scoreHits(c, top, docs, t)));
  return { right: s.top1, clarify: s.rightInClarify, wrong: s.wrongAnswer, ood: s.oodFallback };
}

const rows: { t: Thresholds; results: ReturnType<typeof measure>[] }[] = [];
for (let answer = 0.3; answer <= 0.8001; answer += 0.05)
  for (let clarify = 0.2; clarify <= answer + 1e-9; clarify += 0.05)
    for (const minGap of [0.02, 0.03, 0.04, 0.05, 0.08, 0.12])
      for (const [clearLead, leadFloor] of [[1, 1], [0.1, 0.38], [0.15, 0.35], [0.15, 0.38], [0.2, 0.35], [0.2, 0.38], [0.25, 0.35]] as const) {
        const t = { answer: +answer.toFixed(2), clarify: +clarify.toFixed(2), minGap, clearLead, leadFloor };
        const results = sets.map((cases) => measure(cases, t));
        if (results.every((r) => r.wrong <= 0.03 && r.ood >= 0.9)) rows.push({ t, results });
      }
const mean = (r: (typeof rows)[number]) => r.results.reduce((s, x) => s + x.right, 0) / r.results.length;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
rows.sort((a, b) => mean(b) - mean(a));
for (const r of rows.slice(0, 10)) {
  const cells = r.results.map((x) => `right ${pct(x.right)} clarify ${pct(x.clarify)} wrong ${pct(x.wrong)} ood ${pct(x.ood)}`);
  console.log(JSON.stringify(r.t), '| dev', cells[0], '| own', cells[1]);
}
