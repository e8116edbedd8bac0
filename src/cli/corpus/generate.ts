/**
 * Writes a synthetic FAQ corpus in the data/faq.json format (for benchmarks and load tests).
 *
 *   npm run corpus -- --size 10000 --seed 1 --out /tmp/faq-10k.json [--queries 500 --queries-out q.json]
 *
 * Same size and seed → byte-identical file. The file is validated with the app's own FAQ schema on write.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { writeFaqFile } from '../../faq-admin/write-faq';
import { generateCorpus } from './generate-corpus';
import { generateQueries } from './generate-queries';

function nonNegativeInteger(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      queries: { type: 'string', default: '0' },
      'queries-out': { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out <file> is required');
  const size = nonNegativeInteger('size', values.size);
  const seed = nonNegativeInteger('seed', values.seed);
  const started = performance.now();
  const corpus = generateCorpus({ size, seed });
  await writeFaqFile(path.resolve(values.out), corpus);
  const elapsed = Math.round(performance.now() - started);
  console.log(`wrote ${corpus.length} entries (seed ${seed}) to ${values.out} in ${elapsed} ms`);

  const count = nonNegativeInteger('queries', values.queries);
  if (count > 0) {
    const file = values['queries-out'] ?? values.out.replace(/\.json$/, '') + '.queries.json';
    await writeFile(path.resolve(file), `${JSON.stringify(generateQueries({ corpus, count, seed }), null, 2)}\n`, 'utf8');
    console.log(`wrote ${count} queries to ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
