/**
 * The skill server's app built in-process, for scripts that exercise it exactly as Kakao does
 * (eval, replay): the real skills, the bundled FAQ by default, a silent logger and feedback kept in memory
 * (a replayed rating must not land in the operators' feedback file).
 */
import path from 'node:path';
import type { Express } from 'express';
import { edgeReplies, skills as realSkills } from '../../skills';
import { parseConfig } from '../../src/config';
import { loadFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { createFeedbackRecorder } from '../../src/feedback/feedback';
import { createMemoryFeedbackStore } from '../../src/feedback/memory-feedback-store';
import { createApp, type AppDeps } from '../../src/http/app';
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import { silentLogger } from '../../src/log';
import type { SkillRegistry } from '../../src/skill';

export interface LocalAppOptions {
  /** Defaults to data/faq.json. */
  faqFile?: string;
  /** Defaults to data/synonyms.json. */
  synonymsFile?: string;
  /** Origin of the answer-page links in replies. */
  publicBaseUrl?: string;
  /** Replaces the real skill registry (replay uses this to inject faults). */
  skills?: SkillRegistry;
  /** Environment overrides passed through `parseConfig` (e.g. SKILL_DEADLINE_MS). */
  env?: Record<string, string>;
  /** An already loaded store; skips loading `faqFile`. */
  faq?: FaqStore;
  /** The semantic stage (query embedder and fusion); absent: lexical only. */
  understanding?: AppDeps['understanding'];
}

export async function loadLocalFaq(options: Pick<LocalAppOptions, 'faqFile' | 'synonymsFile'> = {}): Promise<FaqStore> {
  return loadFaqStore({
    faqFile: path.resolve(options.faqFile ?? 'data/faq.json'),
    synonymsFile: path.resolve(options.synonymsFile ?? 'data/synonyms.json'),
  });
}

/** Builds (does not listen) the app with the real skills over the given FAQ. */
export async function localApp(options: LocalAppOptions = {}): Promise<{ app: Express; faq: FaqStore }> {
  const faq = options.faq ?? (await loadLocalFaq(options));
  // Eval and replay send every case as one made-up user, which the per-user limit would rightly refuse.
  const config = parseConfig({ PUBLIC_BASE_URL: options.publicBaseUrl ?? 'http://127.0.0.1', USER_RATE_LIMIT: '0', ...options.env });
  const feedback = createFeedbackRecorder({ store: createMemoryFeedbackStore(), salt: 'local-replay-not-a-secret' });
  const app = createApp({ skills: options.skills ?? realSkills, edgeReplies, faqSets: staticFaqSets(faq), log: silentLogger, config, feedback, understanding: options.understanding });
  return { app, faq };
}
