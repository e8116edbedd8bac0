import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bundledFaq, kakaoPayload } from '../../../test/harness';
import { HOSTILE_SAMPLES } from './hostile-text';
import { checkReply } from './oracle';
import { sendRaw, startFuzzTarget, type FuzzTarget } from './target';

/**
 * A bounded burst of concurrent skill calls over loopback HTTP: every one must come back 200 with a
 * valid SkillResponse. {@link runBurst} also reports heap growth across it (after a full GC on both sides).
 */

export interface BurstResult {
  requests: number;
  ok: number;
  /** `data.outcome` counts, e.g. { answer: 1200, fallback: 300, timeout: 0 }. */
  outcomes: Record<string, number>;
  failures: string[];
  heapGrowthMb: number;
}

/** A full garbage collection, even when node was started without --expose-gc. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Utterances for load: every FAQ question, some paraphrase-like fragments, out-of-domain and the short
 * hostile samples (the 10,000-character ones are the fuzz suite's business; here they would only slow the burst).
 */
export async function loadUtterances(): Promise<string[]> {
  const store = await bundledFaq();
  return [
    ...store.entries.map((e) => e.question),
    ...store.entries.map((e) => e.question.slice(0, 8)),
    '오늘 날씨 어때요?',
    '안녕하세요',
    ...Object.values(HOSTILE_SAMPLES).filter((s) => s.length <= 100),
  ];
}

/** Sends `requests` skill calls to `target`, `concurrency` at a time, each on its own connection pool slot. */
export async function burst(target: FuzzTarget, options: { requests: number; concurrency: number }): Promise<Omit<BurstResult, 'heapGrowthMb'>> {
  const { hostname, port } = new URL(target.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const utterances = await loadUtterances();
  const outcomes: Record<string, number> = {};
  const failures: string[] = [];
  let ok = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.requests; i = next++) {
      const utterance = utterances[i % utterances.length]!;
      try {
        const res = await sendRaw({ host: hostname, port: Number(port), agent }, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(kakaoPayload(utterance)) });
        const verdict = checkReply(res);
        if (verdict.kind !== 'reply') throw new Error(`${verdict.error.status} ${verdict.error.code}`);
        const outcome = String(verdict.body.data?.outcome);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        ok += 1;
      } catch (error) {
        if (failures.length < 20) failures.push(`request ${i} (${JSON.stringify(utterance.slice(0, 30))}): ${(error as Error).message}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { requests: options.requests, ok, outcomes, failures };
}

/** A burst against a fresh target, with the heap growth across it (for `npm run fuzz`). */
export async function runBurst(options: { requests: number; concurrency: number }): Promise<BurstResult> {
  const target = await startFuzzTarget();
  try {
    await burst(target, { requests: Math.min(200, options.requests), concurrency: options.concurrency });
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await burst(target, options);
    collectGarbage();
    return { ...result, heapGrowthMb: (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024) };
  } finally {
    await target.close();
  }
}
