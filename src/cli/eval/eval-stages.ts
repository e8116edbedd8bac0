/**
 * The configurations `npm run eval` compares, each the real app in-process: the lexical matcher alone, and,
 * when an embeddings service is to be had (EMBEDDINGS_URL, or the local model server `npm install` set up),
 * the same FAQ with its entry vectors and the fitted fusion (FUSION_MODEL_FILE).
 */
import path from 'node:path';
import type { Express } from 'express';
import { loadConfig } from '../../config';
import { openSemanticStage } from '../../faq-admin/semantic-stage';
import { inProcessApp, loadFaqFiles } from '../../../test/harness';

export interface EvalStage {
  name: string;
  app: Express;
  entries: readonly { id: string }[];
}

export async function openEvalStages(options: { faqFile: string; synonymsFile: string; lexicalOnly: boolean }): Promise<{
  list: EvalStage[];
  faqSize: number;
  note: string;
  close(): Promise<void>;
}> {
  const lexical = await loadFaqFiles(options);
  const list: EvalStage[] = [{ name: 'lexical only', app: await inProcessApp({ faq: lexical }), entries: lexical.entries }];
  const done = { list, faqSize: lexical.size, close: async () => {} };
  if (options.lexicalOnly) return { ...done, note: 'lexical only (--lexical-only)' };
  const opened = await openSemanticStage(lexical, loadConfig(), { root: path.resolve('.'), fusion: true });
  if ('problem' in opened) return { ...done, note: `semantic stage unavailable: ${opened.problem}` };
  const semantic = await inProcessApp({ faq: opened.store, understanding: { semantic: opened.service, fusion: opened.fusion } });
  list.push({ name: `with ${opened.service.model}`, app: semantic, entries: opened.store.entries });
  return { list, faqSize: lexical.size, note: `semantic model ${opened.service.model}`, close: opened.close };
}

