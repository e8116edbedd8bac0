/**
 * The "what people would write" row of `npm run loadtest`: a naive Express 5 + fuse.js skill over the same FAQ
 * file the real server gets. express.json(), one Fuse index over question and answer built at start, the best
 * hit's answer as one simpleText bubble (our builders, so the reply is a valid SkillResponse), a fixed sorry
 * text when nothing matches. No cache, no secret, no validation, no limits: the usual first version of a FAQ
 * bot. Configured like the real server through its environment (FAQ_FILE, PORT, HOST; WORKERS > 1 runs it
 * under node:cluster); started by the load test on 127.0.0.1 only.
 */
import { readFileSync } from 'node:fs';
import express from 'express';
import Fuse from 'fuse.js';
import { loadConfig } from '../../config';
import { simpleText, skillResponse } from '../../kakao';
import { createLogger } from '../../log';
import { runInWorkers } from './cluster-workers';

interface Entry { id: string; question: string; answer: string }

const config = loadConfig();

runInWorkers(config.workers, () => {
  const log = createLogger(config);
  const { entries } = JSON.parse(readFileSync(config.faqFile, 'utf8')) as { entries: Entry[] };
  const fuse = new Fuse(entries, { keys: ['question', 'answer'] });

  const app = express();
  app.use(express.json());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.post('/skill/:name', (req, res) => {
    const utterance = String(req.body?.userRequest?.utterance ?? '');
    const [best] = fuse.search(utterance, { limit: 1 });
    const text = best ? best.item.answer : '죄송해요, 질문을 이해하지 못했어요.';
    res.json(skillResponse({ outputs: [simpleText(text)] }));
  });
  const server = app.listen(config.port, config.host, () => log.info({ entries: entries.length }, 'listening'));
  // Nothing to drain: a queue of slow searches would only delay the next row of the load test.
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    process.exit(0);
  });
});
