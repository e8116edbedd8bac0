/**
 * A separate process that writes the vector cache, for the test of several workers writing at once:
 *   node --import tsx test/semantic/cache-writer.ts DIR MODEL NAME BATCHES BATCH_SIZE
 * appends BATCHES batches of BATCH_SIZE vectors for the texts `NAME-0`, `NAME-1`, … (each vector is
 * {@link testVector} of its text), then prints "done".
 */
import { openVectorCache, textKey } from '../../src/semantic/vector-cache';

export const TEST_DIMS = 384;

/** A unit vector that depends only on `text`, so any process can check what another one wrote. */
export function testVector(text: string, dims = TEST_DIMS): Float32Array {
  const seed = [...textKey(text)].reduce((sum, c, i) => sum + c.charCodeAt(0) * (i + 1), 0);
  const v = Float32Array.from({ length: dims }, (_, i) => Math.sin(seed * 0.001 + i * 0.37) + (i % 7) * 0.01);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

async function main(): Promise<void> {
  const [dir, model, name, batches, batchSize] = process.argv.slice(2);
  const cache = openVectorCache({ dir: dir!, model: model!, onError: (error) => console.error(error.message) });
  let n = 0;
  for (let b = 0; b < Number(batches); b++) {
    const records = Array.from({ length: Number(batchSize) }, () => {
      const text = `${name}-${n++}`;
      return { key: textKey(text), vector: testVector(text) };
    });
    await cache.append(records);
  }
  await cache.close();
  console.log('done');
}

if (require.main === module) void main();
