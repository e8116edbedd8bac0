import { once } from 'node:events';
import net from 'node:net';
import { DEFAULT_METRICS_PORT } from '../../src/config';
import { freePort, type ServerProcess, spawnServer } from '../harness';

/**
 * Two servers on one machine: the metrics port 9464 is a default, so the second one once failed to start
 * with EADDRINUSE. A clash on the default port now warns and moves the metrics listener to a free port;
 * a clash on a port the operator chose stops startup with a message naming METRICS_PORT. In a cluster
 * only the primary binds it.
 */

jest.setTimeout(60_000);

/** Holds `port` on 127.0.0.1 for the test; if something else already holds it, it is taken all the same. */
async function occupy(port: number): Promise<net.Server | undefined> {
  const holder = net.createServer().listen(port, '127.0.0.1');
  const [event] = await Promise.race([once(holder, 'listening').then(() => ['listening']), once(holder, 'error')]);
  return event === 'listening' ? holder : undefined;
}

describe('METRICS_PORT clashes', () => {
  let server: ServerProcess | undefined;
  let holder: net.Server | undefined;
  afterEach(async () => {
    await server?.stop();
    holder?.close();
    holder = undefined;
  });

  it.each(['1', '2'])('the default port taken: warns and serves metrics on a free port, bound once (WORKERS=%s)', async (workers) => {
    holder = await occupy(DEFAULT_METRICS_PORT);
    server = spawnServer({ WORKERS: workers, METRICS_PORT: '' });
    await server.waitForLine(() => server!.lines.filter((l) => l.msg === 'listening').length >= Number(workers));
    const warning = await server.waitForLine((l) => String(l.msg).startsWith(`the default metrics port ${DEFAULT_METRICS_PORT} is in use`));
    const listening = await server.waitForLine((l) => l.msg === 'metrics listening');
    expect(listening.port).toBe(warning.port);
    expect(listening.port).not.toBe(DEFAULT_METRICS_PORT);
    const res = await fetch(`http://127.0.0.1:${listening.port as number}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('kakao_faq_');
    expect(server.lines.filter((l) => l.msg === 'metrics listening')).toHaveLength(1);
  });

  it.each(['1', '2'])('a chosen METRICS_PORT taken: startup stops with a message naming METRICS_PORT (WORKERS=%s)', async (workers) => {
    const port = await freePort();
    holder = await occupy(port);
    server = spawnServer({ WORKERS: workers, METRICS_PORT: String(port) });
    expect(await server.exited()).toBe(1);
    expect(server.stderr()).toContain(`METRICS_PORT ${port} on 127.0.0.1 is already in use`);
  });
});
