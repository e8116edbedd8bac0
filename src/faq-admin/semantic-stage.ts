import type { Config } from '../config';
import { silentLogger } from '../log';
import type { FusionModel } from '../matcher';
import { openSemanticService, type SemanticConfig } from '../semantic/open-semantic-service';
import type { SemanticService } from '../semantic/semantic-service';
import type { FaqStore } from '../faq/faq-store';
import { readFusionModel } from '../faq/fusion-model-file';
import { createSnapshotVectors, serverVectorsOptions } from '../faq/snapshot-vectors';

/**
 * The semantic stage for a command that runs once over a FAQ (`npm run eval`, `eval -- --tune`, `faq
 * suggest`), opened as the server opens it: the embeddings service (EMBEDDINGS_URL, or the local model server
 * `npm install` set up), the fusion fitted for its model (FUSION_MODEL_FILE), and `store`'s entry vectors
 * attached (read from EMBEDDINGS_CACHE_DIR or embedded, waiting for all of them: a command has no request to
 * answer meanwhile). The fusion is read before any vector is built, so a model it was not fitted for costs no
 * embedding. Quiet: the caller says what it got.
 */

export type SemanticStageConfig = SemanticConfig & Pick<Config, 'embeddingsCacheDir' | 'fusionModelFile'>;

export interface SemanticStage {
  /** `store`, its entry vectors attached. */
  store: FaqStore;
  /** Embeds queries; its model is the one the vectors and the fusion are for. */
  service: SemanticService;
  /** Stops the service (and the local model server it started) and closes the vector cache. */
  close(): Promise<void>;
}

export interface FusedSemanticStage extends SemanticStage {
  fusion: FusionModel;
}

export interface SemanticStageOptions {
  /** Where `.venv-embeddings/` and `semantic/serve.py` are (the working directory). */
  root: string;
  /** False when the command makes the fusion (`--tune`) rather than uses it. */
  fusion: boolean;
}

/** Why there is no semantic stage: no service, no fusion for its model, or vectors that could not be built. */
export type NoSemanticStage = { problem: string };

export async function openSemanticStage(
  store: FaqStore,
  config: SemanticStageConfig,
  options: SemanticStageOptions & { fusion: true },
): Promise<FusedSemanticStage | NoSemanticStage>;
export async function openSemanticStage(
  store: FaqStore,
  config: SemanticStageConfig,
  options: SemanticStageOptions,
): Promise<SemanticStage | NoSemanticStage>;
export async function openSemanticStage(
  store: FaqStore,
  config: SemanticStageConfig,
  options: SemanticStageOptions,
): Promise<SemanticStage | FusedSemanticStage | NoSemanticStage> {
  const service = await openSemanticService(config, silentLogger, undefined, { root: options.root, mayStartLocalServer: true });
  if (!service) return { problem: 'no embeddings service (set EMBEDDINGS_URL, or run npm run install-model-server)' };
  let fusion: FusionModel | undefined;
  if (options.fusion) {
    const read = await readFusionModel(config.fusionModelFile, service.model);
    if ('problem' in read) {
      await service.close();
      return { problem: read.problem };
    }
    fusion = read.model;
  }
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
  return fusion === undefined ? { store, service, close } : { store, service, fusion, close };
}
