import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../../src/cli/corpus';
import { faqVariants, rewriteMarkAt, writeRewrite } from '../../src/cli/loadtest/reload-phase';
import { parseFaqFile } from '../../src/faq/load-faq';

/**
 * The load test's reload phase makes every rewrite a version no worker has served (a worker whose staggered
 * reload read a file that had flipped back to its own version never rebuilt): the marked FAQ is copied and
 * four digits of its mark overwritten in place, without encoding the 67 MB text in the load generator.
 */
describe('the reload phase rewrites', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'loadtest-rewrite-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('give a valid FAQ file with the rewrite number in the first answer, a new text each time', async () => {
    const [, marked] = faqVariants(generateCorpus({ size: 50, seed: 3 }));
    const markedFile = path.join(dir, 'marked.json');
    const file = path.join(dir, 'faq.json');
    await writeFile(markedFile, marked);
    const texts = new Set<string>();
    for (const n of [1, 2, 37, 9_999]) {
      await writeRewrite(markedFile, rewriteMarkAt(marked), n, file);
      const text = await readFile(file, 'utf8');
      texts.add(text);
      const faq = parseFaqFile(text, file);
      expect(faq.entries[0]!.answer.endsWith(`(업데이트 ${String(n % 10_000).padStart(4, '0')})`)).toBe(true);
      expect(faq.entries).toHaveLength(50);
    }
    expect(texts.size).toBe(4);
    // the marked file itself is left as it was
    expect(await readFile(markedFile, 'utf8')).toBe(marked);
  });
});
