/**
 * "Does the FAQ already answer this?" for `faq suggest`, decided the way the server decides it: with the
 * semantic stage (src/faq/understand.ts, entry vectors and the fitted fusion) when an embeddings service is
 * to be had (EMBEDDINGS_URL, or the local model server `npm install` set up), else by the lexical matcher
 * alone. A wording the server already answers right teaches the matcher nothing, so suggesting it would only
 * make the reviewer's list longer.
 */
import path from 'node:path';
import { loadConfig } from '../../../config';
import type { FaqStore } from '../../../faq/faq-store';
import { openSemanticStage } from '../../../faq-admin/semantic-stage';
import { understand } from '../../../faq/understand';

export interface AnsweredBy {
  /** The entry the server answers `utterance` with, or undefined when it clarifies or falls back. */
  answeredBy(utterance: string): Promise<string | undefined>;
  /** Whose decision it is: `with <model>`, or `lexically (why)`. */
  decidedBy: string;
  close(): Promise<void>;
}

const answerOf = (match: { outcome: string; hits: readonly { entry: { id: string } }[] }) =>
  match.outcome === 'answer' ? match.hits[0]?.entry.id : undefined;

/** `lexicalStore`: the FAQ as loaded by the command, used when there is no semantic stage (or `lexicalOnly`). */
export async function openAnsweredBy(
  lexicalStore: FaqStore,
  options: { lexicalOnly: boolean },
): Promise<AnsweredBy> {
  const lexical = (why: string): AnsweredBy => ({
    answeredBy: async (utterance) => answerOf(lexicalStore.match(utterance)),
    decidedBy: `lexically (${why})`,
    close: async () => {},
  });
  if (options.lexicalOnly) return lexical('--lexical-only');
  const opened = await openSemanticStage(lexicalStore, loadConfig(), { root: path.resolve('.'), fusion: true });
  if ('problem' in opened) return lexical(`semantic stage unavailable: ${opened.problem}`);
  return {
    answeredBy: async (utterance) => answerOf(await understand(opened.store, utterance, { semantic: opened.service, fusion: opened.fusion })),
    decidedBy: `with ${opened.service.model}`,
    close: opened.close,
  };
}
