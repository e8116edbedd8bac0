/**
 * Strict reading of an OpenAI-style embeddings response. Anything that is not exactly one finite vector per
 * input, of one dimension, is an error: a wrong vector would silently answer the wrong FAQ entry, while an
 * error only costs the semantic stage for that call (the lexical stage still answers).
 */

/**
 * Why an embeddings call failed: `timeout` (no full answer in time), `aborted` (the caller gave up),
 * `unavailable` (not sent: the circuit breaker is open), or what the service did wrong.
 */
export type EmbeddingsFailure = 'timeout' | 'aborted' | 'unavailable' | 'network' | 'http' | 'invalid';

export class EmbeddingsError extends Error {
  override readonly name = 'EmbeddingsError';
  constructor(
    readonly reason: EmbeddingsFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new EmbeddingsError('invalid', `invalid embeddings response: ${message}`);

/**
 * The vectors of a parsed response body for `count` inputs, ordered by `index` and scaled to unit length.
 * `dimension`, when known from earlier answers, must match: a different model behind the URL would mix
 * vectors that cannot be compared.
 */
export function readEmbeddings(body: unknown, count: number, dimension?: number): Float32Array[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('not a JSON object');
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) throw invalid('no "data" array');
  if (data.length !== count) throw invalid(`${data.length} embeddings for ${count} inputs`);
  const vectors: (Float32Array | undefined)[] = new Array(count);
  let dim = dimension;
  data.forEach((item: unknown, position) => {
    if (typeof item !== 'object' || item === null) throw invalid(`data[${position}] is not an object`);
    const { embedding, index: rawIndex } = item as { embedding?: unknown; index?: unknown };
    // Servers that omit `index` answer in input order.
    const index = rawIndex === undefined ? position : rawIndex;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
      throw invalid(`data[${position}].index is not an input position`);
    }
    if (vectors[index] !== undefined) throw invalid(`index ${index} appears twice`);
    if (!Array.isArray(embedding) || embedding.length === 0) throw invalid(`data[${position}].embedding is not a non-empty array`);
    dim ??= embedding.length;
    if (embedding.length !== dim) throw invalid(`embedding of dimension ${embedding.length}, expected ${dim}`);
    vectors[index] = unitVector(embedding, position);
  });
  return vectors as Float32Array[];
}

function unitVector(values: unknown[], position: number): Float32Array {
  const vector = new Float32Array(values.length);
  let sumOfSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`data[${position}].embedding[${i}] is not a finite number`);
    vector[i] = v;
    sumOfSquares += v * v;
  }
  const norm = Math.sqrt(sumOfSquares);
  if (!(norm > 0) || !Number.isFinite(norm)) throw invalid(`data[${position}].embedding has no direction (zero length)`);
  for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
