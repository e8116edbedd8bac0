/**
 * The load test's targets (issue 15), judged on one WORKERS value's rows. A row's share of the echo is the
 * echo's CPU per request divided by the row's (what one request costs the server, from /proc), the measure
 * the targets were set in; throughput shares are printed next to it, as they also depend on how much of the
 * two cores autocannon and the other processes took during the run.
 */
import { RELOAD_MAX_MS, type ReloadResult } from './reload-phase';
import type { Row } from './servers';
import { hitRate } from './skill-server-probe';

export interface Target { name: string; actual: string; pass: boolean | 'not tested' }

/** What the targets are judged on (a ModeResult without its targets). */
export interface ModeRows {
  workers: number;
  connections: number;
  echo: Row;
  /** The real HTTP app around a skill with one fixed reply: the edge's own cost, no matching. */
  edgeFloor: Row;
  /** The FAQ server with REPLY_CACHE_ENTRIES=0: every call matched and built. */
  uncached: Row;
  /** The FAQ server as configured by default (reply cache on). */
  skill: Row;
  reload: ReloadResult;
}

/** Slowest request allowed across a reload, and the connections the p99 target is set at. */
const P99_CONNECTIONS = 50;
const P99_MAX_MS = 50;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The echo's CPU per request ÷ the row's: 1 when a request costs the server what an echo costs. */
export function cpuShare(row: Row, echo: Row): number | null {
  return row.cpuUsPerRequest && echo.cpuUsPerRequest ? echo.cpuUsPerRequest / row.cpuUsPerRequest : null;
}

/** The row's req/s ÷ the echo's. */
export function throughputShare(row: Row, echo: Row): number | null {
  return echo.run.rps > 0 ? row.run.rps / echo.run.rps : null;
}

function shareTarget(name: string, row: Row, echo: Row, atLeast: number, note = ''): Target {
  const cpu = cpuShare(row, echo);
  const rps = throughputShare(row, echo);
  const actual = `${cpu === null ? 'no CPU figure (no request completed)' : `${pct(cpu)} of the echo by CPU per request`}, ${rps === null ? '-' : pct(rps)} by throughput${note}`;
  return { name, actual, pass: cpu !== null && cpu >= atLeast };
}

function reloadTarget(reload: ReloadResult): Target {
  const name = `reload under load (${reload.entries.toLocaleString('en')} entries): zero failed requests, none over ${RELOAD_MAX_MS} ms`;
  if (reload.startError !== undefined || !reload.row) return { name, actual: `the server did not start: ${reload.startError ?? 'unknown'}`, pass: false };
  const { run } = reload.row;
  const failed = run.errors + run.non2xx;
  if (run.requests === 0) return { name, actual: `no request completed during ${reload.reloads} reloads (${failed} failed)`, pass: false };
  const watched = run.watched;
  if (watched && (watched.from === undefined || watched.count === 0)) {
    return { name, actual: `no request sent after the first reload completed (${reload.reloads} reloads, ${failed} failed): lengthen --duration or shorten --reload-every`, pass: false };
  }
  const figures = watched
    ? `${reload.reloads} reloads, ${failed} failed; from the first reload on (${watched.from!.toFixed(1)} s into the run): worst request ${Math.round(watched.max)} ms (sent ${watched.maxAt.toFixed(1)} s in), ${watched.slow.toLocaleString('en')} over ${RELOAD_MAX_MS} ms; the whole run's worst ${Math.round(run.max)} ms`
    : `${reload.reloads} reloads, ${failed} failed, worst request ${Math.round(run.max)} ms`;
  if (!reload.supported) {
    return { name, actual: `reload not supported by this server (/healthz showed no new version after ${reload.reloads} rewrites + SIGHUPs); ${figures}`, pass: 'not tested' };
  }
  const worst = watched ? watched.max : run.max;
  return { name, actual: `${figures}, ${reload.versionsSeen.length} versions seen`, pass: failed === 0 && worst <= RELOAD_MAX_MS };
}

export function judgeTargets(r: ModeRows): Target[] {
  const cached = r.skill.cache ? ` (${(hitRate(r.skill.cache) * 100).toFixed(0)}% of replies from the cache)` : '';
  const failures = (row: Row) => row.run.errors + row.run.non2xx;
  const targets: Target[] = [
    shareTarget('edge floor ≥ 80% of the echo', r.edgeFloor, r.echo, 0.8),
    shareTarget('FAQ skill, cache on (Zipf traffic) ≥ 60% of the echo', r.skill, r.echo, 0.6, cached),
    shareTarget('FAQ skill, cache off ≥ 35% of the echo', r.uncached, r.echo, 0.35),
  ];
  if (r.workers === 2) {
    const at = `${Math.round(r.skill.run.p99)} ms at ${r.connections} connections`;
    targets.push({
      name: `p99 < ${P99_MAX_MS} ms at ${P99_CONNECTIONS} connections (FAQ skill, WORKERS=2)`,
      actual: r.connections === P99_CONNECTIONS ? at : `${at}: not the target's ${P99_CONNECTIONS}`,
      pass: r.connections === P99_CONNECTIONS ? r.skill.run.p99 < P99_MAX_MS : 'not tested',
    });
  }
  targets.push(
    {
      name: 'zero errors and non-2xx (FAQ skill, cache on and off)',
      actual: `${r.skill.run.errors} errors, ${r.skill.run.non2xx} non-2xx (cache off: ${r.uncached.run.errors}, ${r.uncached.run.non2xx})`,
      pass: failures(r.skill) + failures(r.uncached) === 0,
    },
    reloadTarget(r.reload),
  );
  return targets;
}
