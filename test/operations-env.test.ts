import { z } from 'zod';
import * as config from '../src/config';
import { DEFAULT_METRICS_PORT, isLoopbackHost, OperationsEnv, operationsConfig } from '../src/operations-env';

/**
 * The operations keys (logs, metrics, limits, workers) live in their own reader, src/operations-env.ts;
 * src/config.ts parses them with every other key. test/config-operations.test.ts checks them through
 * parseConfig; this checks the reader on its own and that config.ts still offers what it moved.
 */
const parseOperations = (env: Record<string, string>) => z.object(OperationsEnv).parse(env);
const problem = (message: string) => new Error(`problem: ${message}`);

describe('src/operations-env.ts', () => {
  it('reads the operations keys alone, with the same defaults parseConfig gives', () => {
    const own = operationsConfig(parseOperations({}), problem);
    const { logUtterances, metricsPort, rateLimitWindowMs, userRateLimit, ipRateLimit, maxHeaderBytes, replyCacheEntries, logBufferBytes } = config.parseConfig({});
    expect(own).toMatchObject({ logUtterances, metricsPort, rateLimitWindowMs, userRateLimit, ipRateLimit, maxHeaderBytes, replyCacheEntries, logBufferBytes });
    expect(own.metricsPort).toBe(DEFAULT_METRICS_PORT);
  });

  it("reports a metrics listener beyond loopback without a token through the caller's problem", () => {
    expect(() => operationsConfig(parseOperations({ METRICS_HOST: '0.0.0.0' }), problem)).toThrow(/^problem: METRICS_TOKEN: required when METRICS_HOST \(0\.0\.0\.0\)/);
    expect(() => config.parseConfig({ METRICS_HOST: '0.0.0.0' })).toThrow(/^Invalid configuration:\n {2}- METRICS_TOKEN: required when METRICS_HOST/);
  });

  it('is still reachable through src/config.ts for the code that imported it there', () => {
    expect(config.isLoopbackHost).toBe(isLoopbackHost);
    expect(config.DEFAULT_METRICS_PORT).toBe(DEFAULT_METRICS_PORT);
  });
});
