/**
 * Replays fixtures through a transport and judges each response: the expectations, then the
 * snapshot (if the fixture has one). `update` rewrites snapshots instead of comparing them.
 */
import { writeFileSync } from 'node:fs';
import { checkExpectations, type Mismatch } from './expectations';
import type { FixtureLoad, LoadedFixture } from './fixture';
import { diffJson, type JsonDiffEntry } from './json-diff';
import type { Attempt, Transport } from './transport';

export type Verdict = 'pass' | 'fail' | 'invalid' | 'skip';

export interface CaseResult {
  name: string;
  file: string;
  verdict: Verdict;
  status?: number;
  latencyMs?: number;
  attempts: Attempt[];
  mismatches: Mismatch[];
  snapshot: 'none' | 'match' | 'mismatch' | 'updated';
  snapshotDiff: JsonDiffEntry[];
  /** Why a fixture is invalid (file problems) or skipped. */
  notes: string[];
}

export interface ReplaySummary {
  target: string;
  total: number;
  passed: number;
  failed: number;
  invalid: number;
  skipped: number;
  updated: number;
}

export interface ReplayReport {
  summary: ReplaySummary;
  results: CaseResult[];
}

/**
 * Answer-page links carry the server's PUBLIC_BASE_URL; snapshots compare them without the origin,
 * so a snapshot taken in-process also holds against staging.
 */
export function withoutServerOrigin(text: string): string {
  return text.replace(/^https?:\/\/[^/?#]+(?:\/[^?#]*?)?(?=\/faq\/[^/?#]+$)/, '<PUBLIC_BASE_URL>');
}

/** `replay.answer.exact-question`: lets the server's log lines of a case be found (the edge accepts [A-Za-z0-9._-], ≤ 64). */
export function requestIdFor(caseName: string): string {
  return `replay.${caseName}`.replace(/[^A-Za-z0-9._-]/g, '.').slice(0, 64);
}

export async function replayFixture(loaded: LoadedFixture, transport: Transport, options: { update?: boolean } = {}): Promise<CaseResult> {
  const { fixture } = loaded;
  const base = { name: loaded.name, file: loaded.file, attempts: [], mismatches: [], snapshot: 'none' as const, snapshotDiff: [], notes: [] };
  if (fixture.fault && !transport.injectsFaults) {
    return { ...base, verdict: 'skip', notes: [`needs the in-process server to inject a ${fixture.fault}`] };
  }
  const delivery = await transport.send(fixture.request, { fault: fixture.fault, requestId: requestIdFor(loaded.name) });
  const result: CaseResult = { ...base, verdict: 'pass', latencyMs: delivery.latencyMs, attempts: delivery.attempts, mismatches: [], snapshotDiff: [] };
  if (delivery.status === undefined) {
    const problems = delivery.attempts.map((a, i) => `attempt ${i + 1}: ${a.problem ?? 'no response'}`).join('; ');
    return { ...result, verdict: 'fail', mismatches: [{ field: 'response', expected: 'an HTTP response', actual: problems }] };
  }
  result.status = delivery.status;
  result.mismatches = checkExpectations(fixture.expect, { status: delivery.status, body: delivery.body });

  if (fixture.snapshot !== undefined) {
    const diff = diffJson(fixture.snapshot, delivery.body, { ignore: fixture.ignore ?? [], normalizeString: withoutServerOrigin });
    if (options.update) {
      if (diff.length > 0) {
        writeFileSync(loaded.file, `${JSON.stringify({ ...loaded.raw, snapshot: delivery.body }, null, 2)}\n`);
        result.snapshot = 'updated';
      } else {
        result.snapshot = 'match';
      }
    } else {
      result.snapshot = diff.length ? 'mismatch' : 'match';
      result.snapshotDiff = diff;
    }
  }
  result.verdict = result.mismatches.length > 0 || result.snapshot === 'mismatch' ? 'fail' : 'pass';
  return result;
}

/** Replays every fixture in order (one at a time, so latencies are not skewed by each other). */
export async function runReplay(loads: readonly FixtureLoad[], transport: Transport, options: { update?: boolean } = {}): Promise<ReplayReport> {
  const results: CaseResult[] = [];
  for (const load of loads) {
    if (!load.ok) {
      const { name, file, problems } = load.value;
      results.push({ name, file, verdict: 'invalid', attempts: [], mismatches: [], snapshot: 'none', snapshotDiff: [], notes: problems });
      continue;
    }
    results.push(await replayFixture(load.value, transport, options));
  }
  const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
  return {
    summary: {
      target: transport.target,
      total: results.length,
      passed: count('pass'),
      failed: count('fail'),
      invalid: count('invalid'),
      skipped: count('skip'),
      updated: results.filter((r) => r.snapshot === 'updated').length,
    },
    results,
  };
}

/** A run succeeds when nothing failed and every fixture was readable. */
export function exitCodeFor(report: ReplayReport): number {
  return report.summary.failed + report.summary.invalid > 0 ? 1 : 0;
}
