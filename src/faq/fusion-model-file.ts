import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FusionModel } from '../matcher';

/**
 * The fitted fusion (src/matcher/fusion.ts) as `npm run eval -- --tune` writes it. Read at startup; a missing or
 * malformed file, or one fitted for another embeddings model, means the semantic stage stays off (the caller
 * logs why): weights fitted on one model's similarities mean nothing on another's.
 */
const FusionModelSchema = z.strictObject({
  embeddingModel: z.string().min(1),
  center: z.number().min(-1).max(1),
  candidateWeights: z.array(z.number()).length(6),
  decisionWeights: z.array(z.number()).length(6),
  answer: z.number().min(0).max(1),
  clarify: z.number().min(0).max(1),
  skipSemanticAbove: z.number().min(0).max(1),
  /** How it was fitted (set, split, cross-validated figures): for people, ignored here. */
  fittedOn: z.unknown().optional(),
});

export type FusionModelResult = { model: FusionModel } | { problem: string };

export async function readFusionModel(file: string, embeddingsModel: string): Promise<FusionModelResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return { problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
  let parsed;
  try {
    parsed = FusionModelSchema.safeParse(JSON.parse(text));
  } catch {
    return { problem: `${file} is not JSON` };
  }
  if (!parsed.success) return { problem: `${file}: ${z.prettifyError(parsed.error)}` };
  const { fittedOn: _fittedOn, ...model } = parsed.data;
  if (model.embeddingModel !== embeddingsModel) {
    return { problem: `${file} was fitted for ${model.embeddingModel}, not ${embeddingsModel}: run npm run eval -- --tune` };
  }
  return { model };
}
