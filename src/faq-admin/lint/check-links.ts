import type { FaqEntry } from '../../faq/faq-schema';
import { entryLabel, finding, type LintFinding } from './lint-finding';

/** How `--check-links` requests URLs. */
export interface LinkCheckOptions {
  /** Per request, default 5000 ms. */
  timeoutMs?: number;
  /** Requests in flight at once, default 4 (be polite to the help center). */
  concurrency?: number;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof fetch;
}

/** Statuses that mean "this page is gone", not "try later". */
const GONE = new Set([404, 410]);

/**
 * Requests every distinct landingUrl and imageUrl (HEAD, then GET if HEAD is refused) and reports those
 * that do not answer: 404/410 as errors (the page is gone), other failures (5xx, timeouts, DNS) as
 * warnings, because they may pass on the next run.
 */
export async function checkLinks(entries: readonly FaqEntry[], options: LinkCheckOptions = {}): Promise<LintFinding[]> {
  const users = new Map<string, { entry: FaqEntry; field: 'landingUrl' | 'imageUrl' }[]>();
  for (const entry of entries) {
    for (const field of ['landingUrl', 'imageUrl'] as const) {
      const url = entry[field];
      if (url !== undefined) users.set(url, [...(users.get(url) ?? []), { entry, field }]);
    }
  }
  const urls = [...users.keys()];
  const outcomes = new Map<string, { status?: number; error?: string }>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++]!;
      outcomes.set(url, await probe(url, options));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));

  const findings: LintFinding[] = [];
  for (const url of urls) {
    const outcome = outcomes.get(url)!;
    if (outcome.status !== undefined && outcome.status < 400) continue;
    const gone = outcome.status !== undefined && GONE.has(outcome.status);
    const why = outcome.status !== undefined ? `answers HTTP ${outcome.status}` : `does not answer (${outcome.error})`;
    for (const { entry, field } of users.get(url)!) {
      findings.push(finding(gone ? 'error' : 'warning', 'broken-url', `${entryLabel(entry)}: ${field} ${url} ${why}`, [entry.id]));
    }
  }
  return findings;
}

async function probe(url: string, options: LinkCheckOptions): Promise<{ status?: number; error?: string }> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  try {
    const head = await doFetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    if (head.status !== 405 && head.status !== 501) return { status: head.status };
    const get = await doFetch(url, { method: 'GET', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    await get.body?.cancel();
    return { status: get.status };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { error: cause ?? (error as Error).name ?? 'network error' };
  }
}
