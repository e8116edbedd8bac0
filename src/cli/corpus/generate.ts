/**
 * `kakao-faq corpus`: writes a synthetic FAQ corpus in the data/faq.json format (for benchmarks and load tests).
 *
 *   npm run corpus -- --size 10000 --seed 1 --out /tmp/faq-10k.json [--queries 500 --queries-out q.json]
 *
 * Same size and seed → byte-identical file. The file is validated with the app's own FAQ schema on write.
 */
import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { integerOption, parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { writeFaqFile } from '../../faq-admin/write-faq';
import { generateCorpus } from './generate-corpus';
import { generateQueries } from './generate-queries';

const USAGE = `usage: kakao-faq corpus --out FILE [--size 10000] [--seed 1] [--queries 0] [--queries-out FILE]
       (npm run corpus -- …)

  Writes a synthetic FAQ corpus in the data/faq.json format, validated with the app's FAQ schema; the same
  size and seed give a byte-identical file. --queries N also writes N derived queries (to --queries-out, else
  next to --out as <name>.queries.json).`;

async function writeCorpus(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      size: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      queries: { type: 'string', default: '0' },
      'queries-out': { type: 'string' },
    },
  });
  if (!values.out) throw new UsageError('--out <file> is required');
  const size = integerOption('size', values.size, 0);
  const seed = integerOption('seed', values.seed, 0);
  const count = integerOption('queries', values.queries, 0);
  const started = performance.now();
  const corpus = generateCorpus({ size, seed });
  await writeFaqFile(path.resolve(values.out), corpus);
  const elapsed = Math.round(performance.now() - started);
  console.log(`wrote ${corpus.length} entries (seed ${seed}) to ${values.out} in ${elapsed} ms`);

  if (count > 0) {
    const file = values['queries-out'] ?? values.out.replace(/\.json$/, '') + '.queries.json';
    await writeFile(path.resolve(file), `${JSON.stringify(generateQueries({ corpus, count, seed }), null, 2)}\n`, 'utf8');
    console.log(`wrote ${count} queries to ${file}`);
  }
  return 0;
}

export const corpusCommand: CliCommand = { name: 'corpus', usage: USAGE, run: writeCorpus };
