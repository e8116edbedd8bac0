import { generateCorpus, generateQueries, type FaqEntryLike } from '../../src/cli/corpus';
import { dropParticles, jamoTypo, removeSpaces } from '../../src/cli/corpus/paraphrase';
import { createRandom } from '../../src/cli/corpus/random';
import { FAQ_ID_PATTERN, FaqEntrySchema, MAX_CATEGORY_DEPTH } from '../../src/faq/faq-schema';

const SIZE = 2000;
const corpus = generateCorpus({ size: SIZE, seed: 1 });

const isBlank = (s: string) => s.trim().length === 0;

describe('generateCorpus', () => {
  it('gives byte-identical output for the same size and seed', () => {
    expect(JSON.stringify(generateCorpus({ size: SIZE, seed: 1 }))).toBe(JSON.stringify(corpus));
  });

  it('gives different output for a different seed', () => {
    const other = generateCorpus({ size: SIZE, seed: 2 });
    expect(other.map((e) => e.question)).not.toEqual(corpus.map((e) => e.question));
  });

  it.each([0, 1, 2, 7, 333])('returns exactly %i entries, cutting a near-duplicate family short if needed', (size) => {
    expect(generateCorpus({ size, seed: 5 })).toHaveLength(size);
  });

  it('numbers ids gen-1 … gen-<size>, unique and URL-safe', () => {
    const ids = corpus.map((e) => e.id);
    expect(new Set(ids).size).toBe(SIZE);
    expect(ids[0]).toBe('gen-1');
    expect(ids[SIZE - 1]).toBe(`gen-${SIZE}`);
    expect(ids.filter((id) => !FAQ_ID_PATTERN.test(id) || encodeURIComponent(id) !== id)).toEqual([]);
  });

  it('produces entries with 1–4 non-blank categories and a non-blank question and answer', () => {
    const malformed = corpus.filter(
      (e) =>
        e.categories.length < 1 ||
        e.categories.length > MAX_CATEGORY_DEPTH ||
        e.categories.some(isBlank) ||
        isBlank(e.question) ||
        isBlank(e.answer) ||
        e.alternateQuestions.some(isBlank) ||
        e.keywords.some(isBlank),
    );
    expect(malformed).toEqual([]);
  });

  it('produces entries the app’s own FAQ schema accepts', () => {
    const rejected = corpus.filter((e) => !FaqEntrySchema.safeParse(e).success);
    expect(rejected).toEqual([]);
  });

  it('spreads entries over many services and 2–4 category levels', () => {
    expect(new Set(corpus.map((e) => e.categories[0])).size).toBeGreaterThan(30);
    expect(new Set(corpus.map((e) => e.categories.length))).toEqual(new Set([2, 3, 4]));
  });

  it('includes near-duplicates: the same question under different category paths', () => {
    const pathsByQuestion = new Map<string, Set<string>>();
    for (const e of corpus) {
      const paths = pathsByQuestion.get(e.question) ?? new Set<string>();
      paths.add(e.categories.join('>'));
      pathsByQuestion.set(e.question, paths);
    }
    const shared = [...pathsByQuestion.values()].filter((paths) => paths.size > 1).length;
    expect(shared).toBeGreaterThan(SIZE * 0.03);
  });

  it('varies answer length and includes lists and URLs in some answers', () => {
    const lengths = corpus.map((e) => e.answer.length);
    expect(Math.max(...lengths)).toBeGreaterThan(4 * Math.min(...lengths));
    expect(corpus.some((e) => /\n1\. /.test(e.answer))).toBe(true);
    expect(corpus.some((e) => /\n- /.test(e.answer))).toBe(true);
    expect(corpus.some((e) => /https:\/\/\S+/.test(e.answer))).toBe(true);
  });

  it('builds its vocabulary from the seed entries it is given', () => {
    const seedEntries = [{ categories: ['테스트 서비스', '메뉴'], question: '테스트 질문입니다?', answer: '답변입니다.' }];
    const small = generateCorpus({ size: 300, seed: 1, seedEntries });
    expect(small.some((e) => e.categories[0] === '테스트 서비스')).toBe(true);
  });

  it('rejects a size that is negative or not an integer', () => {
    expect(() => generateCorpus({ size: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateCorpus({ size: 1.5, seed: 1 })).toThrow(RangeError);
  });
});

describe('generateQueries', () => {
  const queries = generateQueries({ corpus, count: 1000, seed: 1 });
  const byId = new Map<string, FaqEntryLike>(corpus.map((e) => [e.id, e]));

  it('is deterministic for the same corpus, count and seed, and differs for another seed', () => {
    expect(generateQueries({ corpus, count: 1000, seed: 1 })).toEqual(queries);
    expect(generateQueries({ corpus, count: 1000, seed: 2 })).not.toEqual(queries);
  });

  it('returns exactly the requested count of non-blank utterances', () => {
    expect(queries).toHaveLength(1000);
    expect(queries.filter((q) => isBlank(q.utterance))).toEqual([]);
  });

  it('references only existing entries, and only out-of-domain queries have no source', () => {
    const dangling = queries.filter((q) =>
      q.kind === 'out-of-domain' ? q.sourceId !== null : q.sourceId === null || !byId.has(q.sourceId),
    );
    expect(dangling).toEqual([]);
  });

  it('makes about 20% of queries out of domain', () => {
    const share = queries.filter((q) => q.sourceId === null).length / queries.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
  });

  it('mostly rewrites the source question rather than copying it', () => {
    const inDomain = queries.filter((q) => q.sourceId !== null);
    const copied = inDomain.filter((q) => q.utterance === byId.get(q.sourceId ?? '')?.question).length;
    expect(copied / inDomain.length).toBeLessThan(0.2);
    expect(new Set(inDomain.map((q) => q.kind))).toEqual(
      new Set(['exact', 'particles', 'no-space', 'colloquial', 'typo', 'keywords']),
    );
  });

  it('returns only out-of-domain messages for an empty corpus', () => {
    const none = generateQueries({ corpus: [], count: 10, seed: 1 });
    expect(none.every((q) => q.sourceId === null)).toBe(true);
  });
});

describe('paraphrase helpers', () => {
  it('drops particles but keeps the words', () => {
    expect(dropParticles('월렛을 삭제할 수 있나요?')).toBe('월렛 삭제할 수 있나요?');
  });

  it('removes all spaces', () => {
    expect(removeSpaces('환불 계좌는 어떻게 등록 하나요?')).toBe('환불계좌는어떻게등록하나요?');
  });

  it('changes exactly one syllable with a jamo typo', () => {
    const text = '환불 계좌는 어떻게 등록하나요?';
    for (let seed = 1; seed <= 20; seed++) {
      const typo = jamoTypo(text, createRandom(seed));
      const before = [...text];
      const changed = [...typo].filter((c, i) => c !== before[i]).length;
      expect(changed).toBe(1);
    }
  });
});
