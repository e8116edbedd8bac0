import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SkillResponseSchema } from '../../src/kakao';
import { freePort, kakaoPayload, type ServerProcess, spawnServer } from '../harness';

/**
 * The metrics listener on the real server (WORKERS=2, RLIMIT_NOFILE 256): the cluster primary serves it
 * and also accepts every main-port connection for the workers, so a socket flood on the metrics port
 * once used up the primary's descriptors and every main-port request failed; its idle sockets lived 90 s.
 */

jest.setTimeout(90_000);

const TOKEN = 'metrics-listener-token-0123';
/**
 * Each flood socket gives up by itself after this long, so a server that never closes it fails the test. Well
 * above the 1 s headers timeout (plus the server's check interval) so a busy CI machine cannot fail it, and well
 * below the 90 s the idle sockets used to live.
 */
const CLIENT_GIVES_UP_MS = 30_000;

function ask(port: number): Promise<{ status: number; text: string }> {
  const body = JSON.stringify(kakaoPayload('환불 계좌는 어떻게 등록하나요?'));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/skill/faq', method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.setTimeout(10_000, () => req.destroy(new Error('no reply within 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('metrics listener', () => {
  let server: ServerProcess | undefined;
  let sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets = [];
    await server?.stop();
  });

  it('a flood of idle sockets on the metrics port neither stops main-port requests nor outlives the timeouts (WORKERS=2)', async () => {
    const port = await freePort();
    const metricsPort = await freePort();
    server = spawnServer(
      { WORKERS: '2', PORT: String(port), METRICS_PORT: String(metricsPort), METRICS_TOKEN: TOKEN, HEADERS_TIMEOUT_MS: '1000', USER_RATE_LIMIT: '0' },
      { nofile: { soft: 256, hard: 256 } },
    );
    await server.waitForLine(() => server!.lines.filter((l) => l.msg === 'listening').length >= 2);
    await server.waitForLine((l) => l.msg === 'metrics listening');

    sockets = Array.from({ length: 300 }, () => net.connect(metricsPort, '127.0.0.1').on('error', () => undefined));
    await Promise.all(sockets.map((s) => Promise.race([once(s, 'connect'), once(s, 'close')])));
    for (let i = 0; i < 5; i++) {
      const { status, text } = await ask(port);
      expect(status).toBe(200);
      expect(SkillResponseSchema.safeParse(JSON.parse(text)).success).toBe(true);
    }
    // every flood socket is closed by the server: shed at the cap, or cut by the headers timeout
    await Promise.race([Promise.all(sockets.map((s) => (s.destroyed ? undefined : once(s, 'close')))), sleep(CLIENT_GIVES_UP_MS)]);
    expect(sockets.filter((s) => !s.destroyed).length).toBe(0);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await metrics.text()).toMatch(/^kakao_faq_connections_shed_total\{listener="metrics",reason="idle_closed"\} [1-9]/m);
  });

  it('refuses to start when the metrics listener would be reachable beyond loopback without METRICS_TOKEN', async () => {
    server = spawnServer({ METRICS_HOST: '0.0.0.0', METRICS_PORT: String(await freePort()) });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toMatch(/METRICS_TOKEN: required when METRICS_HOST \(0\.0\.0\.0\) is not a loopback address/);
  });
});
