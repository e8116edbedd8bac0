import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { SkillResponseSchema } from '../../src/kakao';
import { freePort, kakaoPayload, spawnServer } from '../harness';

/**
 * SIGTERM under load, on the real server in a child process: 20 keep-alive clients post Kakao payloads
 * back to back (bounded), the server gets SIGTERM mid-stream. Every request a client sent must get a
 * complete 200 reply; the only acceptable failure is a refused connect on a NEW connection once the
 * server has stopped accepting. A reset or "socket hang up" of a sent request is what Kakao would see
 * as a failed turn. No timings are asserted.
 */

jest.setTimeout(120_000);

const CLIENTS = 20;
/** Each client stops after this many requests, so a server that never stops cannot hang the test. */
const MAX_REQUESTS_PER_CLIENT = 2_000;

interface Outcome {
  ok: number;
  refused: number;
  failures: string[];
}

function post(agent: http.Agent, port: number, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/skill/faq', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One keep-alive client: posts until its connect is refused (the server stopped accepting) or the bound. */
async function client(port: number, index: number, outcome: Outcome, started: () => void): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const body = JSON.stringify(kakaoPayload('환불 계좌는 어떻게 등록하나요?', { userId: `drain-user-${index}` }));
  try {
    for (let i = 0; i < MAX_REQUESTS_PER_CLIENT; i++) {
      try {
        const { status, text } = await post(agent, port, body);
        if (status === 200 && SkillResponseSchema.safeParse(JSON.parse(text)).success) outcome.ok += 1;
        else outcome.failures.push(`status ${status}: ${text.slice(0, 200)}`);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // ECONNREFUSED happens only on connect: a new connection, with nothing sent on it.
        if (code === 'ECONNREFUSED') {
          outcome.refused += 1;
          return;
        }
        outcome.failures.push(`${code ?? ''} ${(error as Error).message}`);
        return;
      }
      if (i === 10) started();
    }
  } finally {
    agent.destroy();
  }
}

describe.each(['1', '2'])('SIGTERM under load (WORKERS=%s)', (workers) => {
  it('answers every sent request in full, refuses only new connections, and exits 0', async () => {
    const port = await freePort();
    const server = spawnServer({ WORKERS: workers, PORT: String(port), USER_RATE_LIMIT: '0', SHUTDOWN_GRACE_MS: '10000' });
    try {
      await server.waitForLine(() => server.lines.filter((l) => l.msg === 'listening').length >= Number(workers));
      const outcome: Outcome = { ok: 0, refused: 0, failures: [] };
      let running = 0;
      let allStarted!: () => void;
      const started = new Promise<void>((resolve) => (allStarted = resolve));
      const clients = Promise.all(
        Array.from({ length: CLIENTS }, (_, i) => client(port, i, outcome, () => ++running === CLIENTS && allStarted())),
      );
      await Promise.race([started, clients]);
      await sleep(300);
      server.child.kill('SIGTERM');
      const code = await server.exited(30_000);
      await clients;
      expect(outcome.failures).toEqual([]);
      expect(outcome.ok).toBeGreaterThan(CLIENTS * 10);
      expect(outcome.refused).toBe(CLIENTS);
      expect(code).toBe(0);
      expect(server.lines.filter((l) => String(l.msg).startsWith('grace period over'))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
