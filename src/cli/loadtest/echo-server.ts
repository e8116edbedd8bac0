/**
 * The comparison server for `npm run loadtest`: bare Express 5 that parses the JSON body and echoes it
 * back, nothing else. What the FAQ skill adds on top of this (payload validation, matching, reply
 * building, logging, limits) is what the load test measures. ECHO_WORKERS > 1 runs it under node:cluster
 * like the real server's WORKERS. Started by the load test on 127.0.0.1 only.
 */
import express from 'express';
import { runInWorkers } from './cluster-workers';

const workers = Number(process.env.ECHO_WORKERS ?? '1');
const port = Number(process.env.PORT ?? '0');
const host = process.env.HOST ?? '127.0.0.1';

runInWorkers(workers, () => {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.post('/skill/:name', (req, res) => {
    res.json(req.body);
  });
  const server = app.listen(port, host);
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
});
