/** What the load test reads from a running skill server: /healthz versions, its log, and /metrics counters. */
import { readFile } from 'node:fs/promises';
import type { RunSummary } from './drive';

export interface CacheUse { hits: number; misses: number }

/** A run against the skill server, with what /metrics says happened during it. */
export interface SkillRun { run: RunSummary; cache: CacheUse }

/** Every string found under a "version" key in /healthz, whatever shape the health answer takes. */
function versionsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => versionsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'version' && typeof v === 'string') out.push(v);
      else versionsIn(v, out);
    }
  }
  return out;
}

export async function healthVersion(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/healthz`);
  return versionsIn(await res.json()).sort().join(',');
}

/** Waits until the server log shows `count` lines with message `msg` (e.g. one "listening" per worker). */
export async function waitForLogLines(logFile: string, msg: string, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const marker = `"msg":${JSON.stringify(msg)}`;
  while ((await readFile(logFile, 'utf8')).split(marker).length - 1 < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} "${msg}" lines after ${timeoutMs} ms (see ${logFile})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the server log shows `count` "listening" lines (one per worker). */
export function waitForListening(logFile: string, count: number, timeoutMs = 120_000): Promise<void> {
  return waitForLogLines(logFile, 'listening', count, timeoutMs);
}

/**
 * Waits (at most 2 minutes) until each of `workers` has logged "reply cache warmed": a row that measures the steady
 * state, or reloads, starts after the work a server does once per start. A server configured not to warm never
 * says so: `say` reports that it is measured as it is.
 */
export function waitForWarming(logFile: string, workers: number, say: (msg: string) => void): Promise<void> {
  return waitForLogLines(logFile, 'reply cache warmed', workers, 120_000).catch(() => say('the reply cache did not report warming; measuring as it is'));
}

interface SkillCounters { outcomes: Record<string, number>; cache: CacheUse }

/** Outcome and reply-cache counters from the server's /metrics (summed over workers by the primary). */
export async function skillCounters(metricsPort: number): Promise<SkillCounters> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const outcomes: Record<string, number> = {};
  for (const match of text.matchAll(/^kakao_faq_skill_calls_total\{skill="faq",outcome="([^"]+)"\} (\d+)/gm)) {
    outcomes[match[1]!] = Number(match[2]);
  }
  const lookups = (result: string) => Number(new RegExp(`^kakao_faq_reply_cache_lookups_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { outcomes, cache: { hits: lookups('hit'), misses: lookups('miss') } };
}

/** Runs `run` and returns its summary with the reply-cache lookups it caused. */
export async function measured(metricsPort: number, run: () => Promise<RunSummary>): Promise<SkillRun> {
  const before = (await skillCounters(metricsPort)).cache;
  const summary = await run();
  const after = (await skillCounters(metricsPort)).cache;
  return { run: summary, cache: { hits: after.hits - before.hits, misses: after.misses - before.misses } };
}

export const hitRate = (c: CacheUse) => (c.hits + c.misses === 0 ? 0 : c.hits / (c.hits + c.misses));
