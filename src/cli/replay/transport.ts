/**
 * How replay reaches a skill: always over real HTTP with axios, either to a deployed server
 * (`--url`) or to the app built in-process and served on an ephemeral 127.0.0.1 port.
 * Timeouts and retries are reported per attempt, never hidden.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import axios, { type AxiosError } from 'axios';
import { DEFAULT_SKILL_SECRET_HEADER } from '../../skill-secret-env';
import { createSkillRegistry, defineSkill, type Skill } from '../../skill';
import { inProcessApp, loadFaqFiles, serveLocally } from '../../../test/harness';
import type { Fault } from './fixture';

export interface Attempt {
  /** HTTP status, when a response came. */
  status?: number;
  /** Why the attempt did not count: "timed out after 5000 ms", "ECONNREFUSED", "HTTP 503". */
  problem?: string;
  latencyMs: number;
}

export interface Delivery {
  /** Absent when every attempt failed without a usable response. */
  status?: number;
  body?: unknown;
  /** Latency of the attempt whose response is reported. */
  latencyMs: number;
  attempts: Attempt[];
}

export interface Transport {
  /** Where requests go, for the report. */
  readonly target: string;
  /** Whether fixtures with a `fault` can run (in-process only). */
  readonly injectsFaults: boolean;
  send(body: unknown, options?: SendOptions): Promise<Delivery>;
  close(): Promise<void>;
}

export interface HttpOptions {
  /** Sent in `secretHeader` when set. */
  secret?: string;
  secretHeader?: string;
  /** Per attempt. Kakao itself waits 5 s. */
  timeoutMs?: number;
  /** Extra attempts after a timeout, a network error or a 502/503/504. */
  retries?: number;
  /** Pause before retry n is n × this. */
  backoffMs?: number;
  /** false: ignore HTTP(S)_PROXY (the in-process server is on 127.0.0.1); otherwise axios honours them. */
  useEnvProxy?: boolean;
}

export interface SendOptions {
  /** In-process only: make the skill fail this way. */
  fault?: Fault;
  /** Sent as `x-request-id`, so the server's log lines of a case can be found. */
  requestId?: string;
}

const RETRY_STATUSES = new Set([502, 503, 504]);

/** Posts one body to `url`, retrying transient failures, and reports every attempt. */
export async function postWithRetries(url: string, body: unknown, options: HttpOptions & { requestId?: string } = {}): Promise<Delivery> {
  const { secret, secretHeader = DEFAULT_SKILL_SECRET_HEADER, timeoutMs = 5000, retries = 0, backoffMs = 250, requestId, useEnvProxy = true } = options;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (secret) headers[secretHeader] = secret;
  if (requestId) headers['x-request-id'] = requestId;
  const attempts: Attempt[] = [];
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(backoffMs * attempt);
    const started = performance.now();
    try {
      const res = await axios.post(url, JSON.stringify(body), {
        headers,
        timeout: timeoutMs,
        // The body is already JSON text (it may be a bare string or number in a bad-input case).
        transformRequest: [(data: unknown) => data],
        validateStatus: () => true,
        // A redirect (http → https, a login page) is reported as its status, not followed.
        maxRedirects: 0,
        ...(useEnvProxy ? {} : { proxy: false as const }),
      });
      const latencyMs = performance.now() - started;
      const retryable = RETRY_STATUSES.has(res.status) && attempt < retries;
      attempts.push({ status: res.status, latencyMs, ...(retryable ? { problem: `HTTP ${res.status}` } : {}) });
      if (!retryable) return { status: res.status, body: res.data, latencyMs, attempts };
    } catch (error) {
      attempts.push({ problem: describeFailure(error as AxiosError, timeoutMs), latencyMs: performance.now() - started });
    }
  }
  return { latencyMs: attempts.at(-1)?.latencyMs ?? 0, attempts };
}

function describeFailure(error: AxiosError, timeoutMs: number): string {
  if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return `timed out after ${timeoutMs} ms`;
  return error.code ? `${error.code}: ${error.message}` : error.message;
}

/** A deployed server, e.g. `https://staging.example.com/skill/faq`. */
export function httpTransport(url: string, options: HttpOptions = {}): Transport {
  return {
    target: url,
    injectsFaults: false,
    send: (body, send = {}) => postWithRetries(url, body, { ...options, requestId: send.requestId }),
    close: async () => {},
  };
}

export interface LocalTransportOptions extends HttpOptions {
  publicBaseUrl?: string;
  faqFile?: string;
  synonymsFile?: string;
}

/** Deadline of the fault app: short, so a hanging skill is cut off quickly. */
const FAULT_DEADLINE_MS = 200;

/**
 * The real app built in-process and served on 127.0.0.1. Fixtures with a `fault` go to a second app
 * whose `faq` skill fails that way, so the edge's error and timeout replies can be replayed too.
 */
export async function localTransport(options: LocalTransportOptions = {}): Promise<Transport> {
  const faq = await loadFaqFiles(options);
  const env = { PUBLIC_BASE_URL: options.publicBaseUrl ?? 'https://faq.example.com' };
  const main = await serveLocally(await inProcessApp({ faq, env }));
  const faults = new Map<Fault, Promise<Awaited<ReturnType<typeof serveLocally>>>>();
  const faultServer = (fault: Fault) => {
    let server = faults.get(fault);
    if (!server) {
      const skills = createSkillRegistry([faultySkill(fault)]);
      server = inProcessApp({ faq, skills, env: { ...env, SKILL_DEADLINE_MS: String(FAULT_DEADLINE_MS) } }).then(serveLocally);
      faults.set(fault, server);
    }
    return server;
  };
  return {
    target: `in-process ${main.baseUrl}/skill/faq`,
    injectsFaults: true,
    async send(body, send = {}) {
      const server = send.fault ? await faultServer(send.fault) : main;
      return postWithRetries(`${server.baseUrl}/skill/faq`, body, { ...options, requestId: send.requestId, useEnvProxy: false });
    },
    async close() {
      await main.close();
      for (const server of faults.values()) await (await server).close();
    },
  };
}

/** The `faq` skill failing as a fixture's `fault` says (also used by test/http/wire-replies.ts). */
export function faultySkill(fault: Fault): Skill {
  return defineSkill({
    name: 'faq',
    handle(_request, { signal }) {
      if (fault === 'skill-error') throw new Error('fault injected by a replay fixture');
      // Hang until the edge's deadline aborts us; the edge has answered by then.
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('fault: aborted at the deadline'))));
    },
  });
}
