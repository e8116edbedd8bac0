import type { Express } from 'express';
import { answerPages as realAnswerPages, edgeReplies as realEdgeReplies, skills as realSkills } from '../../skills';
import { parseConfig } from '../../src/config';
import type { FaqStore } from '../../src/faq/faq-store';
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import type { FeedbackRecorder } from '../../src/feedback/feedback';
import { createApp, type AppDeps } from '../../src/http/app';
import { silentLogger } from '../../src/log';
import { bundledFaq } from './bundled-faq';
import { ROOT } from './paths';
import { testFeedback } from './test-feedback';

/**
 * The environment every in-process app starts from. Abuse limits are off unless a caller turns them on:
 * tests, eval, replay and fuzzing all send many calls as one made-up user from one address. Every reply is
 * checked against the SkillResponse schema (VALIDATE_RESPONSES, off in production). The reply cache starts
 * empty (REPLY_CACHE_WARM off), so a test's first call runs its skill unless the test asks for warming.
 */
const HARNESS_ENV = {
  PUBLIC_BASE_URL: 'https://faq.example.com',
  USER_RATE_LIMIT: '0',
  IP_RATE_LIMIT: '0',
  VALIDATE_RESPONSES: 'true',
  REPLY_CACHE_WARM: 'false',
};

/** Any app dependency may be given; what is not given is the real thing or a harmless stand-in. */
export interface InProcessAppOptions extends Partial<Omit<AppDeps, 'config' | 'feedback'>> {
  /** Served as the single "default" set when `faqSets` is not given; default: the bundled FAQ. */
  faq?: FaqStore;
  /** Environment overrides parsed by the real config parser over {@link HARNESS_ENV} (e.g. SKILL_DEADLINE_MS). */
  env?: Record<string, string>;
  /** A ready config instead of `env` (the load test's edge-floor server reads its own environment). */
  config?: AppDeps['config'];
  /** Default: an in-memory recorder ({@link testFeedback}); `null`: none wired (ratings are logged and dropped). */
  feedback?: FeedbackRecorder | null;
}

/**
 * The skill server's app, built (not listening) in-process: real skills, the bundled FAQ, a silent logger and
 * test config unless the options say otherwise. Tests drive it with supertest; eval, replay, fuzzing and the
 * load test's edge floor serve it (see skill-client.ts).
 */
export async function inProcessApp(options: InProcessAppOptions = {}): Promise<Express> {
  const { faq, env, config, feedback, skills, edgeReplies, answerPages, log, faqSets, ...rest } = options;
  const sets = faqSets ?? staticFaqSets(faq ?? (await bundledFaq()));
  const recorder = feedback === null ? undefined : (feedback ?? testFeedback().recorder);
  return createApp({
    ...rest,
    skills: skills ?? realSkills,
    edgeReplies: edgeReplies ?? realEdgeReplies,
    // the pages read the same sets and record into the same recorder as the skills
    answerPages: answerPages ?? realAnswerPages({ faqSets: sets, feedback: recorder }),
    log: log ?? silentLogger,
    faqSets: sets,
    feedback: recorder,
    config: config ?? parseConfig({ ...HARNESS_ENV, ...env }, ROOT),
  });
}
