/**
 * The comparison server for `kakao-faq loadtest`: bare Express 5 that parses the JSON body and echoes it
 * back, nothing else. What the FAQ skill adds on top of this (payload validation, matching, reply
 * building, logging, limits) is what the load test measures. Configured like the real server (src/config.ts):
 * WORKERS > 1 runs it under node:cluster as the server's WORKERS does; PORT and HOST as the load test gives
 * them (127.0.0.1 only).
 */
import express from 'express';
import { loadConfig } from '../../config';
import { runInWorkers } from './cluster-workers';

const { workers, port, host } = loadConfig();

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
