import { once } from 'node:events';
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import express, { type RequestHandler } from 'express';
import type { Logger } from '../log';
import { HttpError, sendError } from './http-error';

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
  token: string | undefined;
  source: MetricsSource;
  log: Logger;
}

/** The app behind the metrics listener: only `GET /metrics`, JSON errors for everything else. */
export function createMetricsApp(options: Omit<MetricsServerOptions, 'host' | 'port'>): express.Express {
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
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<http.Server> {
  const server = http.createServer(createMetricsApp(options)).listen(options.port, options.host);
  await once(server, 'listening');
  options.log.info({ host: options.host, port: options.port, token: options.token !== undefined }, 'metrics listening');
  return server;
}
