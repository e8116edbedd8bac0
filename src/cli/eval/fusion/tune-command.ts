/**
 * `npm run eval -- --tune`: fits the fusion on the TRAIN split only (the test split is never read here) and
 * writes FUSION_MODEL_FILE, with the cross-validated training figures beside the weights.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../../../config';
import { E5_QUERY_PREFIX } from '../../../semantic/embedder';
import { openSemanticStage } from '../../../faq-admin/semantic-stage';
import { entryScores } from '../../../semantic/entry-scores';
import { expectedIdsOf, type EvalCase } from '../eval-set';
import { tuneFusion, type Observation } from './tune';
import { loadFaqFiles } from '../../../../test/harness';

export async function tuneOnTrain(cases: readonly EvalCase[], options: { faqFile: string; synonymsFile: string; out?: string | undefined }): Promise<number> {
  const train = cases.filter((c) => c.split === 'train');
  if (train.length === 0) {
    console.error('--tune needs a labelled set with a "split": "train" part');
    return 2;
  }
  const config = loadConfig();
  const opened = await openSemanticStage(await loadFaqFiles(options), config, { root: path.resolve('.'), fusion: false });
  if ('problem' in opened) {
    console.error(`cannot tune: ${opened.problem}`);
    return 1;
  }
  try {
    const { store, service } = opened;
    const vectors = store.vectors()!;
    const observations: Observation[] = [];
    const twinKeyOf = store.twinKey;
    for (const c of train) {
      const lexical = store.searchRaw(c.utterance, { limit: 10 });
      const query = await service.embedQuery(E5_QUERY_PREFIX + c.utterance.trim());
      if (!query) throw new Error(`the embeddings service gave no vector for "${c.utterance}"`);
      const ids = new Set([...vectors.nearest(query, 10).map((n) => n.id), ...lexical.map((h) => h.id)]);
      observations.push({ expected: expectedIdsOf(c, store.entries), lexical, semantic: entryScores(vectors, query, ids), twinKeyOf });
    }
    const { model, crossValidated } = tuneFusion(observations, { embeddingModel: service.model });
    const out = path.resolve(options.out ?? config.fusionModelFile);
    const fittedOn = { set: 'train split', utterances: observations.length, faqEntries: store.size, crossValidated: roundAll(crossValidated) };
    await writeFile(out, `${JSON.stringify({ ...model, fittedOn }, null, 2)}\n`);
    console.log(`fitted on ${observations.length} training utterances; 5-fold cross-validated on train:`);
    console.log(`  answer@1 ${pct(crossValidated.answerAt1)}  resolved ${pct(crossValidated.resolved)}  wrong ${pct(crossValidated.wrong)}  out-of-domain fallback ${pct(crossValidated.outOfDomainFallback)}`);
    console.log(`  thresholds answer ${model.answer}, clarify ${model.clarify}; lexical answers kept without the model from ${model.skipSemanticAbove}`);
    console.log(`wrote ${path.relative(process.cwd(), out)}`);
    return 0;
  } finally {
    await opened.close();
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const roundAll = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
