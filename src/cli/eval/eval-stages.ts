/**
 * The configurations `npm run eval` compares, each the real app in-process: the lexical matcher alone, and,
 * when an embeddings service is to be had (EMBEDDINGS_URL, or the local model server `npm install` set up),
 * the same FAQ with its entry vectors and the fitted fusion (FUSION_MODEL_FILE).
 */
import path from 'node:path';
import type { Express } from 'express';
import { parseConfig } from '../../config';
import type { FaqStore } from '../../faq/faq-store';
import { readFusionModel } from '../../faq/fusion-model-file';
import { createSnapshotVectors, serverVectorsOptions } from '../../faq/snapshot-vectors';
import { silentLogger } from '../../log';
import { openSemanticService } from '../../semantic/open-semantic-service';
import type { SemanticService } from '../../semantic/semantic-service';
import { loadLocalFaq, localApp } from '../../../test/harness/local-app';

export interface EvalStage {
  name: string;
  app: Express;
  entries: readonly { id: string }[];
}

/** A store with its entry vectors attached, and the service that embeds queries; undefined without one. */
export async function openSemanticStore(files: { faqFile: string; synonymsFile: string }): Promise<
  { store: FaqStore; service: SemanticService; cacheDir: string; close(): Promise<void> } | { problem: string }
> {
  const config = parseConfig(process.env, path.resolve('.'));
  const service = await openSemanticService(config, silentLogger, undefined, { root: path.resolve('.'), mayStartLocalServer: true });
  if (!service) return { problem: 'no embeddings service (set EMBEDDINGS_URL, or run npm run install-model-server)' };
  const store = await loadLocalFaq(files);
  const vectorOptions = serverVectorsOptions(service, config.embeddingsCacheDir, silentLogger);
  const vectors = createSnapshotVectors('eval', { ...vectorOptions, waitMs: 600_000 }, silentLogger);
  const state = await vectors.prepare(store, 'load');
  vectors.close();
  const close = async () => {
    await vectorOptions.cache?.close();
    await service.close();
  };
  if (state !== 'attached') {
    await close();
    return { problem: `entry vectors could not be built (${state})` };
  }
  return { store, service, cacheDir: config.embeddingsCacheDir, close };
}

export async function openEvalStages(options: { faqFile: string; synonymsFile: string; lexicalOnly: boolean }): Promise<{
  list: EvalStage[];
  faqSize: number;
  note: string;
  close(): Promise<void>;
}> {
  const lexical = await localApp({ faqFile: options.faqFile, synonymsFile: options.synonymsFile });
  const list: EvalStage[] = [{ name: 'lexical only', app: lexical.app, entries: lexical.faq.entries }];
  const done = { list, faqSize: lexical.faq.size, close: async () => {} };
  if (options.lexicalOnly) return { ...done, note: 'lexical only (--lexical-only)' };
  const opened = await openSemanticStore(options);
  if ('problem' in opened) return { ...done, note: `semantic stage unavailable: ${opened.problem}` };
  const config = parseConfig(process.env, path.resolve('.'));
  const fusion = await readFusionModel(config.fusionModelFile, opened.service.model);
  if ('problem' in fusion) {
    await opened.close();
    return { ...done, note: `semantic stage unavailable: ${fusion.problem}` };
  }
  const semantic = await localApp({ faq: opened.store, understanding: { semantic: opened.service, fusion: fusion.model } });
  list.push({ name: `with ${opened.service.model}`, app: semantic.app, entries: opened.store.entries });
  return { list, faqSize: lexical.faq.size, note: `semantic model ${opened.service.model}`, close: opened.close };
}

