import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FaqSetsFileError, parseFaqSetsFile, resolveFaqSets } from '../../../src/faq/sets/sets-file';

function problemsOf(json: unknown): string[] {
  try {
    parseFaqSetsFile(JSON.stringify(json), '/srv/data/faq-sets.json', '/srv/data/synonyms.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FaqSetsFileError);
    return [...(error as FaqSetsFileError).problems];
  }
  throw new Error('expected FaqSetsFileError');
}

describe('the FAQ sets file', () => {
  it('maps bots to sets, resolves paths next to itself and puts the default set first', () => {
    const layout = parseFaqSetsFile(
      JSON.stringify({
        defaultSet: 'main',
        sets: {
          shop: { faqFile: 'shop/faq.json', synonymsFile: 'shop/synonyms.json', botIds: ['bot-1', 'bot-2'] },
          main: { faqFile: 'faq.json' },
        },
      }),
      '/srv/data/faq-sets.json',
      '/srv/data/synonyms.json',
    );
    expect(layout).toEqual({
      defaultSet: 'main',
      sets: [
        { name: 'main', faqFile: '/srv/data/faq.json', synonymsFile: '/srv/data/synonyms.json', botIds: [] },
        { name: 'shop', faqFile: '/srv/data/shop/faq.json', synonymsFile: '/srv/data/shop/synonyms.json', botIds: ['bot-1', 'bot-2'] },
      ],
    });
  });

  it('names every problem: unknown default, a bot in two sets, a bad name, a typo in a key', () => {
    expect(
      problemsOf({
        defaultSet: 'nope',
        sets: {
          a: { faqFile: 'a.json', botIds: ['bot-1'] },
          b: { faqFile: 'b.json', botIds: ['bot-1'] },
          'Bad Name': { faqFile: 'c.json' },
          d: { faqFile: 'd.json', botId: 'bot-2' },
        },
      }),
    ).toEqual([
      'sets.Bad Name: must be 1-40 characters of a-z 0-9 _ - (it appears in URLs and logs)',
      'sets.d: Unrecognized key: "botId"',
    ]);
    expect(problemsOf({ defaultSet: 'nope', sets: { a: { faqFile: 'a.json', botIds: ['bot-1'] }, b: { faqFile: 'b.json', botIds: ['bot-1'] } } })).toEqual([
      'defaultSet: names no set (sets: a, b)',
      'sets.b.botIds.0: bot bot-1 is already mapped to set "a"',
    ]);
    expect(() => parseFaqSetsFile('{', 'sets.json', 'synonyms.json')).toThrow(/not valid JSON/);
  });

  it('without FAQ_SETS_FILE is one set, "default", from FAQ_FILE; with a missing file it fails', async () => {
    const files = { faqFile: '/srv/faq.json', synonymsFile: '/srv/synonyms.json' };
    expect(await resolveFaqSets({ faqSetsFile: undefined, ...files })).toEqual({
      defaultSet: 'default',
      sets: [{ name: 'default', ...files, botIds: [] }],
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faq-sets-'));
    try {
      await expect(resolveFaqSets({ faqSetsFile: path.join(dir, 'missing.json'), ...files })).rejects.toThrow(FaqSetsFileError);
      await expect(resolveFaqSets({ faqSetsFile: path.join(dir, 'missing.json'), ...files })).rejects.toThrow(/cannot read: ENOENT/);
      const file = path.join(dir, 'faq-sets.json');
      await writeFile(file, JSON.stringify({ defaultSet: 'x', sets: { x: { faqFile: 'x.json' } } }));
      expect((await resolveFaqSets({ faqSetsFile: file, ...files })).sets[0]).toEqual({ name: 'x', faqFile: path.join(dir, 'x.json'), synonymsFile: '/srv/synonyms.json', botIds: [] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
