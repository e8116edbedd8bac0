import { SkillResponseSchema } from '../src/kakao';
import { freePort, kakaoPayload, postJson, type RunningServer, spawnServer, startServer } from './harness';

/** Real processes: the server as `npm start` runs it, with WORKERS set. Slow-ish (~10 s), no timings asserted. */
jest.setTimeout(90_000);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function askAll(server: RunningServer, count: number) {
  for (let i = 0; i < count; i++) {
    const { status, body } = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload('환불 계좌는 어떻게 등록하나요?', { userId: `cluster-user-${i}` }));
    expect(status).toBe(200);
    expect(SkillResponseSchema.safeParse(body).success).toBe(true);
  }
}

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? NaN : Number(line.slice(series.length + 1));
}

describe('WORKERS=2 (node:cluster)', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop('SIGKILL');
  });

  it('serves from two workers, aggregates their metrics, survives SIGHUP, replaces a dead worker and drains on SIGTERM', async () => {
    const metricsPort = await freePort();
    server = await startServer({ WORKERS: '2', METRICS_PORT: String(metricsPort), USER_RATE_LIMIT: '0' });
    const listening = async () => {
      await server!.waitForLine(() => server!.lines.filter((l) => l.msg === 'listening').length >= 2);
      return server!.lines.filter((l) => l.msg === 'listening');
    };
    const workers = await listening();
    const pids = workers.map((l) => l.pid as number);
    expect(new Set(pids).size).toBe(2);

    await askAll(server, 6);
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(sample(metrics, 'kakao_faq_skill_calls_total{skill="faq",outcome="answer"}')).toBe(6);
    expect(sample(metrics, 'kakao_faq_workers')).toBe(2);
    expect(sample(metrics, 'kakao_faq_entries{set="default"}')).toBe(50);

    server.child.kill('SIGHUP');
    await server.waitForLine(() => server!.lines.filter((l) => String(l.msg).startsWith('SIGHUP received')).length >= 2);
    await askAll(server, 2);
    expect(pids.every(isAlive)).toBe(true);

    process.kill(pids[0]!, 'SIGKILL');
    await server.waitForLine((l) => l.msg === 'worker died; starting a replacement');
    await server.waitForLine(() => server!.lines.filter((l) => l.msg === 'listening').length >= 3);
    await askAll(server, 2);
    const after = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(sample(after, 'kakao_faq_worker_restarts_total')).toBe(1);

    const replacement = server.lines.filter((l) => l.msg === 'listening')[2]!.pid as number;
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.lines.filter((l) => l.msg === 'stopped')).toHaveLength(2);
    expect([pids[1]!, replacement].some(isAlive)).toBe(false);
  });

  it('restarts workers one at a time on SIGUSR2, without a failed request', async () => {
    server = await startServer({ WORKERS: '2', METRICS_PORT: 'off', USER_RATE_LIMIT: '0' });
    await server.waitForLine(() => server!.lines.filter((l) => l.msg === 'listening').length >= 2);
    const before = server.lines.filter((l) => l.msg === 'listening').map((l) => l.pid);
    server.child.kill('SIGUSR2');
    let done = false;
    const finished = server.waitForLine((l) => l.msg === 'rolling restart done').then(() => (done = true));
    let asked = 0;
    while (!done) {
      await askAll(server, 1);
      asked += 1;
    }
    await finished;
    expect(asked).toBeGreaterThan(0);
    const after = server.lines.filter((l) => l.msg === 'listening').map((l) => l.pid).slice(2);
    expect(after).toHaveLength(2);
    expect(after.some((pid) => before.includes(pid))).toBe(false);
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('stops with exit code 1 when workers cannot start, instead of forking them forever', async () => {
    const failing = spawnServer({ WORKERS: '2', METRICS_PORT: 'off', FAQ_FILE: 'no/such/faq.json' });
    try {
      const code = await new Promise<number | null>((resolve) => failing.child.once('exit', resolve));
      expect(code).toBe(1);
      expect(failing.lines.some((l) => l.msg === 'a worker exited before it started listening; stopping')).toBe(true);
    } finally {
      await failing.stop('SIGKILL');
    }
  });
});

describe('WORKERS=1', () => {
  it('runs as one process without a primary, reloads on SIGHUP and exits 0 on SIGTERM', async () => {
    const server = await startServer({ WORKERS: '1', METRICS_PORT: 'off' });
    try {
      expect(server.lines.some((l) => l.role === 'primary')).toBe(false);
      server.child.kill('SIGHUP');
      await server.waitForLine((l) => String(l.msg).startsWith('SIGHUP received'));
      await askAll(server, 1);
      expect(await server.stop('SIGTERM')).toBe(0);
    } finally {
      await server.stop('SIGKILL');
    }
  });
});

describe('stopping a cluster whose worker is slow to stop', () => {
  it('gives the worker its whole grace period after the stop-accepting handshake, not counting the handshake', async () => {
    // The worker never confirms the handshake (the primary waits it out, 2 s), then drains for 5 s after SIGTERM:
    // 2 s + 5 s is within handshake + grace (1 s) + 5 s, but not within grace + 5 s counted from the stop.
    const primary = spawnServer({ SHUTDOWN_GRACE_MS: '1000', DRAIN_MS: '5000' }, { entry: 'test/fixtures/cluster-stop/primary.ts' });
    try {
      await primary.waitForLine((l) => l.msg === 'worker ready');
      await primary.waitForLine((l) => l.msg === 'cluster primary started');
      expect(await primary.stop('SIGTERM', 30_000)).toBe(0);
      const messages = primary.lines.map((l) => l.msg);
      expect(messages).toContain('worker drained');
      expect(messages).not.toContain('workers still running after the grace period; killing them');
    } finally {
      await primary.stop('SIGKILL');
    }
  });
});
