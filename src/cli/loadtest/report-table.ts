/**
 * What `kakao-faq loadtest` prints for one WORKERS value: a table with one line per row (req/s, latency,
 * failures, CPU µs per request and both shares of the echo, cache use), the outcome mix and the targets as
 * PASS / FAIL / NOT TESTED lines. Pure: the figures in, the lines out.
 */
import { table } from '../report/format-report';
import type { RunSummary } from './drive';
import { fmt, type ModeResult } from './run-mode';
import type { Row } from './servers';
import { hitRate } from './skill-server-probe';
import { cpuShare, throughputShare, type Target } from './targets';

const HEADERS = ['run', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'non-2xx', 'requests', 'CPU µs/req', 'echo req/s', 'echo CPU', 'cached'];

const share = (x: number | null) => (x === null ? '-' : `${fmt(x * 100, 0)}%`);
/** Latency of a run in which nothing completed is not a figure. */
const latency = (s: RunSummary, x: number) => (s.requests > 0 ? fmt(x) : '-');

function line(name: string, row: Row, echo: Row): string[] {
  const s = row.run;
  return [
    name,
    fmt(s.rps),
    latency(s, s.p50),
    latency(s, s.p99),
    latency(s, s.max),
    String(s.errors),
    String(s.non2xx),
    fmt(s.requests),
    row.cpuUsPerRequest === null ? '-' : fmt(row.cpuUsPerRequest),
    share(throughputShare(row, echo)),
    share(cpuShare(row, echo)),
    row.cache ? `${fmt(hitRate(row.cache) * 100, 0)}%` : '',
  ];
}

export function targetLine(t: Target): string {
  const verdict = t.pass === 'not tested' ? 'NOT TESTED' : t.pass ? 'PASS' : 'FAIL';
  return `  ${verdict.padEnd(10)} ${t.name}: ${t.actual}`;
}

export function formatMode(r: ModeResult): string[] {
  const rows = [
    line('echo (bare Express 5)', r.echo, r.echo),
    line('edge only: fixed reply, no matching', r.edgeFloor, r.echo),
    line('naive Express + fuse.js, no cache', r.fuse, r.echo),
    line('FAQ skill, cache off (every call matched)', r.uncached, r.echo),
    line('FAQ skill, cache on', r.skill, r.echo),
  ];
  if (r.reload.row) rows.push(line(`FAQ skill + reloads, ${fmt(r.reload.entries)} entries`, r.reload.row, r.echo));
  const total = Object.values(r.outcomes).reduce((a, b) => a + b, 0);
  const outcomes = Object.entries(r.outcomes).map(([k, v]) => `${k} ${fmt((v / total) * 100, 1)}%`).join(', ');
  return [
    '',
    `WORKERS=${r.workers} (every server with ${r.workers} process${r.workers > 1 ? 'es' : ''})`,
    table(HEADERS, rows),
    ...(r.reload.row ? [] : [`FAQ skill + reloads, ${fmt(r.reload.entries)} entries: not run (${r.reload.startError ?? 'no server'})`]),
    `echo req/s, echo CPU: the row's throughput ÷ the echo's, and the echo's CPU per request ÷ the row's (CPU of the server process and its workers, from /proc)`,
    `outcomes served by the FAQ skill, cache on (from /metrics): ${outcomes || 'none'}`,
    ...r.targets.map(targetLine),
  ];
}

/** The lines before the tables: what ran, on what, and how busy the machine was. */
export function formatHeader(info: {
  entries: number;
  reloadEntries: number;
  connections: number;
  duration: number;
  warmupSeconds: number;
  traffic: string;
  machine: string;
  matching: string;
  loadAverage: { start: string; end: string };
}): string[] {
  return [
    `Load test: ${fmt(info.entries)} FAQ entries (reload phase: ${fmt(info.reloadEntries)}), ${info.connections} connections, ${info.duration} s per run (+${info.warmupSeconds} s warm-up), 127.0.0.1 only`,
    `traffic: ${info.traffic}`,
    `machine: ${info.machine}; autocannon runs in this process on the same cores`,
    `matching: ${info.matching}`,
    `load average (1, 5, 15 min): ${info.loadAverage.start} at the start, ${info.loadAverage.end} at the end`,
  ];
}
