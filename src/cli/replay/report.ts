/**
 * Human output of a replay: a table (case, result, status, latency, attempts), then for each failure
 * the expected-vs-actual lines a tester reads, then a one-line summary. `--json` uses {@link jsonReport}.
 */
import path from 'node:path';
import { compactJson, type JsonDiffEntry } from './json-diff';
import type { CaseResult, ReplayReport } from './runner';

const MAX_SNAPSHOT_LINES = 15;

/** A path relative to `cwd` when it lies inside it, else absolute. */
function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

const LABEL: Record<CaseResult['verdict'], string> = { pass: 'PASS', fail: 'FAIL', invalid: 'INVALID', skip: 'SKIP' };

function latency(result: CaseResult): string {
  return result.latencyMs === undefined ? '-' : `${Math.round(result.latencyMs)} ms`;
}

function attemptsNote(result: CaseResult): string {
  if (result.attempts.length <= 1) return result.attempts[0]?.problem ?? '';
  return result.attempts.map((a, i) => `#${i + 1} ${a.problem ?? `HTTP ${a.status}`}`).join(', ');
}

function extraNote(result: CaseResult): string {
  const notes = [];
  if (result.snapshot === 'updated') notes.push('snapshot updated');
  if (result.verdict === 'skip') notes.push(...result.notes);
  const attempts = attemptsNote(result);
  if (attempts) notes.push(`attempts: ${attempts}`);
  return notes.join('; ');
}

/** One snapshot difference as a line: `template.outputs[0].textCard.title: "A" → "B"`. */
export function formatDiffEntry(entry: JsonDiffEntry): string {
  switch (entry.kind) {
    case 'missing':
      return `${entry.path}: missing (snapshot has ${compactJson(entry.expected)})`;
    case 'unexpected':
      return `${entry.path}: unexpected ${compactJson(entry.actual)}`;
    default:
      return `${entry.path}: ${compactJson(entry.expected, 60)} → ${compactJson(entry.actual, 60)}`;
  }
}

/** The failure details of one case, indented, ready to print. */
export function formatFailure(result: CaseResult, cwd = process.cwd()): string {
  const lines = [`✗ ${result.name}  (${shownPath(result.file, cwd)})`];
  if (result.verdict === 'invalid') {
    lines.push('    the fixture is not valid:');
    for (const problem of result.notes) lines.push(`      ${problem}`);
    return lines.join('\n');
  }
  const width = Math.max(8, ...result.mismatches.map((m) => m.field.length));
  for (const m of result.mismatches) {
    lines.push(`    ${m.field.padEnd(width)}  expected ${m.expected}`);
    lines.push(`    ${''.padEnd(width)}       got ${m.actual}`);
  }
  if (result.snapshot === 'mismatch') {
    lines.push(`    snapshot differs at ${result.snapshotDiff.length} path(s) (run with --update to accept the new response):`);
    for (const entry of result.snapshotDiff.slice(0, MAX_SNAPSHOT_LINES)) lines.push(`      ${formatDiffEntry(entry)}`);
    if (result.snapshotDiff.length > MAX_SNAPSHOT_LINES) lines.push(`      … and ${result.snapshotDiff.length - MAX_SNAPSHOT_LINES} more`);
  }
  return lines.join('\n');
}

export function textReport(report: ReplayReport, cwd = process.cwd()): string {
  const rows = report.results.map((r) => [r.name, LABEL[r.verdict], r.status === undefined ? '-' : String(r.status), latency(r), extraNote(r)]);
  const header = ['case', 'result', 'status', 'latency', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => [...row[i]!].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const failures = report.results.filter((r) => r.verdict === 'fail' || r.verdict === 'invalid');
  if (failures.length) out.push('', ...failures.map((r) => formatFailure(r, cwd)));
  out.push('', summaryLine(report));
  return out.join('\n');
}

export function summaryLine({ summary: s }: ReplayReport): string {
  const parts = [`${s.passed} passed`, `${s.failed} failed`];
  if (s.invalid) parts.push(`${s.invalid} invalid`);
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  if (s.updated) parts.push(`${s.updated} snapshot(s) updated`);
  return `${parts.join(', ')} of ${s.total} case(s) against ${s.target}`;
}

/** Machine-readable results for CI dashboards (stable keys; latencies in whole milliseconds). */
export function jsonReport(report: ReplayReport, cwd = process.cwd()): unknown {
  return {
    summary: report.summary,
    results: report.results.map((r) => ({
      case: r.name,
      file: shownPath(r.file, cwd),
      result: r.verdict,
      status: r.status ?? null,
      latencyMs: r.latencyMs === undefined ? null : Math.round(r.latencyMs),
      attempts: r.attempts.map((a) => ({ status: a.status ?? null, problem: a.problem ?? null, latencyMs: Math.round(a.latencyMs) })),
      mismatches: r.mismatches,
      snapshot: r.snapshot,
      snapshotDiff: r.snapshotDiff,
      notes: r.notes,
    })),
  };
}
