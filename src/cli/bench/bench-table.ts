/** The text table `kakao-faq bench` prints (without --json). */
import { lat, ms, pct, times, type SizeResult, type TargetResult } from './matcher-bench';

export function printTable(
  results: readonly SizeResult[],
  targets: readonly TargetResult[],
  meta: Record<string, unknown>,
): void {
  const rows: [string, (r: SizeResult) => string][] = [
    ['corpus generation (ms)', (r) => ms(r.corpusMs)],
    ['ours: build (ms)', (r) => ms(r.ours.buildMs)],
    ['ours: heap after build (MB)', (r) => `${r.ours.heapMb.toFixed(0)} (index ${r.ours.indexMb.toFixed(0)})`],
    ['ours: query p50/p99/max (ms)', (r) => lat(r.ours.latency)],
    ['ours: queries timed', (r) => String(r.ours.latency.count)],
    ...(results[0]?.ours.medianLatency
      ? [
          [
            'ours: each query\'s median p50/p99/max',
            (r: SizeResult) => (r.ours.medianLatency ? lat(r.ours.medianLatency) : 'n/a'),
          ] as [string, (r: SizeResult) => string],
        ]
      : []),
    ['fuse: build (ms)', (r) => ms(r.fuse.buildMs)],
    ['fuse: heap after build (MB)', (r) => `${r.fuse.heapMb.toFixed(0)} (index ${r.fuse.indexMb.toFixed(0)})`],
    ['fuse: query p50/p99/max (ms)', (r) => lat(r.fuse.latency)],
    ['fuse: queries timed', (r) => `${r.fuse.queriesTimed} (first of ${r.ours.latency.count})`],
    ['speed-up p50 (same queries)', (r) => times(r.speedup.p50)],
    ['speed-up p99 (same queries)', (r) => times(r.speedup.p99)],
    ['ours: top-1 = source entry', (r) => `${pct(r.ours.agreement.top1)} of ${r.ours.agreement.queries}`],
    ['ours: top-1 same question text', (r) => pct(r.ours.agreement.top1SameQuestion)],
    ['ours: source in top 5', (r) => pct(r.ours.agreement.top5)],
    ['fuse: top-1 = source entry', (r) => `${pct(r.fuse.agreement.top1)} of ${r.fuse.agreement.queries}`],
    ...Object.keys(results[0]?.ours.agreement.top1ByKind ?? {}).map(
      (kind): [string, (r: SizeResult) => string] => [
        `ours: top-1, ${kind}`,
        (r) => pct(r.ours.agreement.top1ByKind[kind] ?? NaN),
      ],
    ),
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const col = 26;
  console.log(`Matcher vs plain fuse.js ${Object.entries(meta).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`);
  console.log(`\n${'entries'.padEnd(width)}${results.map((r) => r.size.toLocaleString('en').padEnd(col)).join('')}`);
  for (const [label, cell] of rows) {
    console.log(`${label.padEnd(width)}${results.map((r) => cell(r).padEnd(col)).join('')}`);
  }
  console.log('\nfuse.js runs only the first N queries at large sizes (it scans every entry per query); speed-ups');
  console.log('compare both engines on those same N queries. p99 of a sample under 100 queries is its maximum.');
  console.log('Agreement is a sanity figure, not a target: near-duplicates (same question, other platform or');
  console.log('service) make "top-1 = source" impossible to reach 100%; "same question text" counts those.');
  if (results[0]?.ours.medianLatency) {
    console.log('"each query\'s median" times every query again (--repeat) and takes its median: the cost of the');
    console.log('query itself, without most of the pauses other processes cause; targets use the single pass.');
  }
  console.log('\nslowest queries of ours:');
  for (const r of results) {
    for (const q of r.ours.slowest) {
      console.log(`  ${r.size.toLocaleString('en').padEnd(8)}${`${ms(q.ms)} ms`.padEnd(10)}"${q.utterance}"`);
    }
  }
  console.log(`\n${'entries'.padEnd(10)}${'target'.padEnd(36)}${'actual'.padEnd(12)}result`);
  for (const t of targets) {
    const result = t.pass ? 'PASS' : 'FAIL';
    console.log(`${t.size.toLocaleString('en').padEnd(10)}${t.target.padEnd(36)}${t.actual.padEnd(12)}${result}`);
  }
  const failed = targets.filter((t) => !t.pass).length;
  console.log(`\n${failed === 0 ? 'all targets met' : `${failed} of ${targets.length} targets missed`}`);
}
