import path from 'node:path';
import type { Express } from 'express';
import pino from 'pino';
import { edgeReplies as realEdgeReplies, skills as realSkills } from '../../skills';
import { parseConfig } from '../../src/config';
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import { loadFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { createFeedbackRecorder, type FeedbackRecorder } from '../../src/feedback/feedback';
import { createMemoryFeedbackStore } from '../../src/feedback/memory-feedback-store';
import { createApp, type AppDeps } from '../../src/http/app';
import { silentLogger } from '../../src/log';

export const ROOT = path.resolve(__dirname, '../..');
export const FAQ_FILE = path.join(ROOT, 'data/faq.json');
export const SYNONYMS_FILE = path.join(ROOT, 'data/synonyms.json');

let bundled: Promise<FaqStore> | undefined;
/** The bundled FAQ (data/faq.json + data/synonyms.json), loaded once per test file. */
export function bundledFaq(): Promise<FaqStore> {
  bundled ??= loadFaqStore({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE });
  return bundled;
}

/**
 * An app over the bundled FAQ with test config; `overrides` replace any dependency. `faq` is a shortcut
 * for a single "default" set serving that store.
 */
export async function testApp(
  overrides: Partial<Omit<AppDeps, 'config'>> & { env?: Record<string, string>; faq?: () => FaqStore } = {},
): Promise<Express> {
  const faqSets = overrides.faqSets ?? staticFaqSets(overrides.faq ? overrides.faq() : await bundledFaq());
  // Abuse limits are off unless a test turns them on: most tests post many payloads as one user.
  const env = { PUBLIC_BASE_URL: 'https://faq.example.com', USER_RATE_LIMIT: '0', IP_RATE_LIMIT: '0', ...overrides.env };
  const config = parseConfig(env, ROOT);
  return createApp({
    metrics: overrides.metrics,
    metricsSource: overrides.metricsSource,
    skills: overrides.skills ?? realSkills,
    edgeReplies: overrides.edgeReplies ?? realEdgeReplies,
    log: overrides.log ?? silentLogger,
    feedback: overrides.feedback ?? testFeedback().recorder,
    faqSets,
    config,
    understanding: overrides.understanding,
  });
}

/** Salt for hashing user keys in tests (never used outside them). */
export const TEST_USER_KEY_SALT = 'test-salt-0123456789abcdef';

/** A feedback recorder over an in-memory store with a fixed clock; `store.events` shows what was recorded. */
export function testFeedback(): { store: ReturnType<typeof createMemoryFeedbackStore>; recorder: FeedbackRecorder } {
  const store = createMemoryFeedbackStore();
  const recorder = createFeedbackRecorder({ store, salt: TEST_USER_KEY_SALT, now: () => new Date('2026-11-23T03:00:00.000Z') });
  return { store, recorder };
}

export { kakaoPayload } from './kakao-payload';

/** A logger that keeps every line it writes, parsed, for tests that check what gets logged. */
export function captureLogger(): { log: import('../../src/log').Logger; lines: Record<string, unknown>[]; text(): string } {
  const raw: string[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void raw.push(line) });
  return {
    log,
    get lines() {
      return raw.map((l) => JSON.parse(l) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}
