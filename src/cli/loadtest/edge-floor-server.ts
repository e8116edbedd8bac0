/**
 * The "edge floor" for `npm run loadtest`: the real HTTP app (`createApp`: secret check, body parsing, payload
 * validation, per-user limit, reply validation, the skill-call log line, metrics) around a skill that returns
 * one fixed reply and matches nothing. What it costs over the echo server is the edge; what the real server
 * costs over it is matching and building replies. Configured like the real server through its environment
 * (WORKERS > 1 runs it under node:cluster); started by the load test on 127.0.0.1 only.
 */
import { inProcessApp } from '../../../test/harness';
import { loadConfig } from '../../config';
import { simpleText, skillResponse } from '../../kakao';
import { createLogger } from '../../log';
import { createMetrics } from '../../metrics';
import { createSkillRegistry, defineSkill } from '../../skill';
import { runInWorkers } from './cluster-workers';

const config = loadConfig();

const fixedReply = defineSkill({
  name: 'faq',
  handle: () => skillResponse({ outputs: [simpleText('안녕하세요! 무엇을 도와드릴까요?')], data: { outcome: 'answer' } }),
});

async function serve(): Promise<void> {
  const log = createLogger(config);
  // The bundled FAQ (the harness default) is small: only the snapshot stamp reads it. No feedback recorder:
  // the fixed reply never records a rating.
  const app = await inProcessApp({
    skills: createSkillRegistry([fixedReply]),
    log,
    metrics: createMetrics(),
    feedback: null,
    config: { ...config, userKeySalt: config.userKeySalt ?? 'edge-floor-salt-0123456789' },
  });
  const server = app.listen(config.port, config.host, () => log.info('listening'));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

runInWorkers(config.workers, () => void serve());
