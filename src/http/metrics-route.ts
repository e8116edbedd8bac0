import { createHash, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import type { Logger } from '../log';
import type { ShedReason } from './connection-guard';
import { HttpError, sendError } from './http-error';
import { createHttpServer, type ServerLimits } from './server';

/** Where a scrape's text comes from: a prom-client registry, or the cluster primary's aggregate. */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/**
 * `GET /metrics` in the Prometheus text format. With a token, only `Authorization: Bearer <token>` gets
 * through (401 otherwise; compared in constant time); without one the caller must be kept out by the bind
 * address (see {@link startMetricsServer}).
 */
export function metricsRoute(source: MetricsSource, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    if (expected) {
      const sent = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
      if (sent === undefined || !timingSafeEqual(digest(sent), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        const code = sent === undefined ? 'missing_token' : 'wrong_token';
        throw new HttpError(401, code, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
      }
    }
    const text = await source.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.type(source.contentType).send(text);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export interface MetricsServerOptions {
  host: string;
  port: number;
  /** The port is the default, not the operator's choice: when it is taken, listen on a free one instead. */
  portIsDefault: boolean;
  token: string | undefined;
  source: MetricsSource;
  log: Logger;
  /** The main listener's limits; the metrics listener gets the same timeouts and a cap of its own. */
  limits: ServerLimits;
  onShed?: (reason: ShedReason) => void;
}

/** A scraper needs a connection or two; more than this on the metrics port is a flood. */
export const METRICS_MAX_CONNECTIONS = 64;

/** The metrics listener's connection cap: {@link METRICS_MAX_CONNECTIONS}, or the main listener's if lower. */
export function metricsMaxConnections(mainMaxConnections: number | undefined): number {
  return Math.min(mainMaxConnections ?? METRICS_MAX_CONNECTIONS, METRICS_MAX_CONNECTIONS);
}

export class MetricsPortInUseError extends Error {
  override readonly name = 'MetricsPortInUseError';
}

/** The app behind the metrics listener: only `GET /metrics`, JSON errors for everything else. */
export function createMetricsApp(options: Pick<MetricsServerOptions, 'token' | 'source' | 'log'>): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsRoute(options.source, options.token));
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`)));
  app.use(((error, _req, res, _next) => {
    if (error instanceof HttpError) return sendError(res, error);
    options.log.error({ err: error }, 'metrics scrape failed');
    sendError(res, new HttpError(500, 'internal_error', 'Metrics are not available right now'));
  }) as express.ErrorRequestHandler);
  return app;
}

/**
 * Starts the separate metrics listener (`METRICS_HOST:METRICS_PORT`, 127.0.0.1:9464 by default): only
 * `GET /metrics`, nothing of the skill or the pages, so the public port never exposes metrics by accident.
 * It has the main listener's slow-client timeouts and a connection cap: in a cluster the primary runs it
 * and also accepts every main-port connection for the workers, so a flood here must not use up the
 * primary's descriptors. When the default port is taken (a second server on the machine) it warns and
 * listens on a free port; a taken METRICS_PORT that was set on purpose throws {@link MetricsPortInUseError}.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<http.Server> {
  const maxConnections = metricsMaxConnections(options.limits.maxConnections);
  const app = createMetricsApp(options);
  const listen = (port: number) =>
    new Promise<http.Server>((resolve, reject) => {
      // a scrape is a GET without a body: its whole request is its headers
      const limits = { ...options.limits, requestTimeoutMs: options.limits.headersTimeoutMs, maxConnections };
      const server = createHttpServer(app, limits, options.onShed);
      server.once('error', reject);
      server.listen(port, options.host, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  let server: http.Server;
  try {
    server = await listen(options.port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (!options.portIsDefault) {
      throw new MetricsPortInUseError(
        `METRICS_PORT ${options.port} on ${options.host} is already in use (another server?); set METRICS_PORT to a free port, or off`,
      );
    }
    server = await listen(0);
    const { port } = server.address() as AddressInfo;
    options.log.warn(
      { host: options.host, defaultPort: options.port, port },
      `the default metrics port ${options.port} is in use (another server on this machine?); metrics listen on port ${port} instead. Set METRICS_PORT to choose one`,
    );
  }
  const { port } = server.address() as AddressInfo;
  options.log.info({ host: options.host, port, token: options.token !== undefined, maxConnections }, 'metrics listening');
  return server;
}
