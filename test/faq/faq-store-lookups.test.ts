import { bundledFaq } from '../harness';

describe('FaqStore category lookups (indexed once, answered on every call)', () => {
  it('inCategory gives exactly the entries under each prefix, in data order', async () => {
    const faq = await bundledFaq();
    const prefixes = new Set<string>();
    for (const e of faq.entries) for (let d = 1; d <= e.categories.length; d++) prefixes.add(JSON.stringify(e.categories.slice(0, d)));
    for (const json of prefixes) {
      const path = JSON.parse(json) as string[];
      const expected = faq.entries.filter((e) => path.every((c, i) => e.categories[i] === c));
      expect(faq.inCategory(path).map((e) => e.id)).toEqual(expected.map((e) => e.id));
    }
    expect(faq.inCategory(['no such category'])).toEqual([]);
    expect(faq.inCategory([])).toHaveLength(faq.size);
  });

  it('hands out copies, so a caller cannot change what the next call sees', async () => {
    const faq = await bundledFaq();
    const path = faq.entries[0]!.categories.slice(0, 1);
    faq.inCategory(path).length = 0;
    expect(faq.inCategory(path).length).toBeGreaterThan(0);
    const top = faq.topCategories();
    top[0]!.count = -1;
    top.length = 0;
    expect(faq.topCategories()[0]!.count).toBeGreaterThan(0);
  });
});
