import Fuse from 'fuse.js';
import { createRandom } from '../../src/cli/corpus/random';
import { MAX_PATTERN, substringDistances } from '../../src/matcher/edit-distance';
import { errorBudget, fuseScore } from '../../src/matcher/fuzzy';

/** One pattern against texts, as fuzzy.ts asks. */
function distances(pattern: string, texts: string[]): number[] {
  const out = new Int32Array(texts.length);
  substringDistances(pattern, texts, out);
  return [...out];
}

describe('substringDistances', () => {
  it('counts the fewest edits to some substring of the text', () => {
    // equal; inside a longer text; one deleted; ㅘ typed as ㅗㅏ (a substitution and an insertion); one missing;
    // empty text; only ㄴ in common (five deletions)
    expect(distances('ㅎㅘㄴㅂㅜㄹ', ['ㅎㅘㄴㅂㅜㄹ', 'ㄱㅖㅈㅘㅎㅘㄴㅂㅜㄹㄷㅡㅇㄹㅗㄱ', 'ㅎㅘㄴㅂㅜ', 'ㅎㅗㅏㄴㅂㅜㄹ', 'ㅎㅘㅂㅜㄹ', '', 'ㄱㄴㄷ'])).toEqual([
      0, 0, 1, 2, 1, 6, 5,
    ]);
    // the longest pattern a 32-bit word holds, and one character over it
    const long = 'ㄱㄴ'.repeat(16);
    expect(distances(long, [`ㅏ${long}ㅏ`, long.slice(1)])).toEqual([0, 1]);
    expect(() => distances(`${long}ㄱ`, ['ㄱ'])).toThrow(RangeError);
    expect(MAX_PATTERN).toBe(32);
    // every length's bit mask, 31 included (its mask is not a 32-bit integer before truncation)
    for (let m = 1; m <= MAX_PATTERN; m++) {
      const pattern = 'ㄱ'.repeat(m - 1) + 'ㄴ';
      expect(distances(pattern, [`ㄷ${pattern}ㄷ`, pattern.slice(0, -1), 'ㄷ'.repeat(m)])).toEqual([0, 1, m]);
    }
  });

  it('leaves no trace of one pattern in the next (the character table is cleared)', () => {
    expect(distances('ㄱㄴㄷㄹ', ['ㄱㄴㄷㄹ'])).toEqual([0]);
    expect(distances('ㅁㅂㅅㅇ', ['ㄱㄴㄷㄹ'])).toEqual([4]);
  });

  it('gives fuse.js’s scores (fuseScore): a Fuse hit exactly when the distance is within its threshold, at its score', () => {
    // fuse.js as fuzzy.ts used it; the patterns' lengths include those where the threshold falls on a whole
    // number of errors (10, 20, 30 jamo: 3, 6, 9 errors), and the texts blank ones, which Fuse never indexes
    const options = { keys: ['text'], includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, threshold: 0.3, isCaseSensitive: true };
    const { next } = createRandom(11);
    const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]!).join('');
    // small alphabets make near matches common: several errors, repeated characters, overlapping runs
    const alphabets = ['ㄱㄴㅏ', 'ㄱㄴㄷㅏㅓㅗㅜ', 'ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅏㅓㅗㅜㅡㅣ1a'];
    const edited = (pattern: string, alphabet: string) => {
      const chars = [...pattern];
      for (let e = 1 + Math.floor(next() * 4); e > 0; e--) {
        const at = Math.floor(next() * chars.length);
        const op = next();
        if (op < 1 / 3) chars.splice(at, 1);
        else if (op < 2 / 3) chars[at] = pick(alphabet, 1);
        else chars.splice(at, 0, pick(alphabet, 1));
      }
      return pick(alphabet, Math.floor(next() * 10)) + chars.join('') + pick(alphabet, Math.floor(next() * 10));
    };
    let hits = 0;
    const differing: unknown[] = [];
    for (let round = 0; round < 6_000; round++) {
      const alphabet = alphabets[round % alphabets.length]!;
      const pattern = pick(alphabet, 4 + Math.floor(next() * (MAX_PATTERN - 3)));
      const texts = [pattern, edited(pattern, alphabet), edited(pattern, alphabet), edited(pattern, alphabet), pick(alphabet, Math.floor(next() * 60))];
      if (round % 50 === 0) texts.push('', '   ');
      const budget = errorBudget(pattern.length);
      const fuse = new Map(new Fuse(texts.map((text, i) => ({ text, i })), options).search(pattern).map((h) => [h.item.i, h.score]));
      distances(pattern, texts).forEach((d, i) => {
        const ours = fuseScore(pattern, texts[i]!, d, budget);
        if (ours !== undefined) hits++;
        if (fuse.get(i) !== ours) differing.push({ pattern, text: texts[i], fuse: fuse.get(i), distance: d });
      });
    }
    expect(differing.slice(0, 3)).toEqual([]);
    // enough of both kinds: hits at several distances, and misses
    expect(hits).toBeGreaterThan(12_000);
  });
});
