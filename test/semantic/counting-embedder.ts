import type { Embedder } from '../../src/semantic/embedder';

/**
 * Passes every call through to a real embedder and keeps the texts it was asked for: how a test sees what a
 * build embedded (not a mock: the vectors come from the real model).
 */
export function countingEmbedder(inner: Embedder): { embedder: Embedder; calls: string[][]; texts(): string[]; reset(): void } {
  const calls: string[][] = [];
  return {
    embedder: {
      model: inner.model,
      embed(texts, options) {
        calls.push([...texts]);
        return inner.embed(texts, options);
      },
    },
    calls,
    texts: () => calls.flat(),
    reset: () => void calls.splice(0),
  };
}
