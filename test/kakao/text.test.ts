import fc from 'fast-check';
import { ELLIPSIS, charLength, clipText, excerpt } from '../../src/kakao';

const FAMILY = '👨‍👩‍👧'; // 5 code points joined by ZWJ, one grapheme
const LONE_SURROGATE_AT_END = /[\uD800-\uDBFF]$/;

/** True when the cut between `prefix` and the rest of `input` falls inside a surrogate pair. */
function splitsPair(input: string, prefix: string): boolean {
  const next = input.charCodeAt(prefix.length);
  return LONE_SURROGATE_AT_END.test(prefix) && next >= 0xdc00 && next <= 0xdfff;
}

// Strings rich in the units that break naive clipping: both surrogate halves, ZWJ, combining marks, Hangul.
const nastyString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('a', ' ', '가', '😀', '\uD83D', '\uDE00', '\u200D', '\u0301', '\u1100', '\u1161', '.', '\n'), maxLength: 60 }),
);

describe('charLength', () => {
  it('counts code points, so an emoji counts once and a Hangul syllable once', () => {
    expect(charLength('')).toBe(0);
    expect(charLength('abc')).toBe(3);
    expect(charLength('환불 계좌')).toBe(5);
    expect(charLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(charLength(FAMILY)).toBe(5);
  });
});

describe('clipText', () => {
  it('returns the text untouched when it fits, exactly at the limit included', () => {
    expect(clipText('환불 계좌', 5)).toEqual({ text: '환불 계좌', clipped: false, originalLength: 5 });
    expect(clipText('', 1)).toEqual({ text: '', clipped: false, originalLength: 0 });
  });

  it('cuts to max code points including the ellipsis', () => {
    expect(clipText('abcdef', 4)).toEqual({ text: 'abc…', clipped: true, originalLength: 6 });
    expect(clipText('가나다라마', 3)).toEqual({ text: '가나…', clipped: true, originalLength: 5 });
  });

  it('never splits a surrogate pair', () => {
    expect(clipText('a😀😀😀', 3).text).toBe('a😀…');
    expect(clipText('😀😀😀', 2).text).toBe('😀…');
  });

  it('keeps a ZWJ emoji sequence whole or drops it whole', () => {
    expect(clipText(`ab${FAMILY}cd`, 5).text).toBe('ab…');
    expect(clipText(`ab${FAMILY}cd`, 8).text).toBe(`ab${FAMILY}…`);
  });

  it('does not leave a letter without its combining mark or a dangling ZWJ at the end', () => {
    expect(clipText('cafe\u0301 au lait', 5).text).toBe('caf…');
    expect(clipText('abc\u200Dxyz', 5).text).toBe('abc…');
  });

  it('keeps decomposed Hangul jamo of one syllable together', () => {
    const gak = '\u1100\u1161\u11A8'; // 각 as three conjoining jamo
    expect(clipText(`${gak}${gak}${gak}`, 5).text).toBe(`${gak}…`);
  });

  it('drops whitespace before the ellipsis', () => {
    expect(clipText('hello world', 7).text).toBe('hello…');
  });

  it('with max 1, turns any longer text into the ellipsis alone', () => {
    expect(clipText('ab', 1).text).toBe(ELLIPSIS);
  });

  it('rejects a max that is not an integer of at least 1', () => {
    expect(() => clipText('abc', 0)).toThrow(RangeError);
    expect(() => clipText('abc', 1.5)).toThrow(RangeError);
  });

  it('for any string and max ≥ 1, fits in max, is a prefix plus "…" when clipped, and never splits a pair', () => {
    fc.assert(
      fc.property(nastyString, fc.integer({ min: 1, max: 70 }), (input, max) => {
        const result = clipText(input, max);
        expect(charLength(result.text)).toBeLessThanOrEqual(max);
        expect(result.originalLength).toBe(charLength(input));
        if (!result.clipped) {
          expect(result.text).toBe(input);
          return;
        }
        expect(result.text.endsWith(ELLIPSIS)).toBe(true);
        const prefix = result.text.slice(0, -ELLIPSIS.length);
        expect(input.startsWith(prefix)).toBe(true);
        expect(splitsPair(input, prefix)).toBe(false);
        expect(prefix.endsWith('\u200D')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
  it('cuts exactly where a grapheme segmenter would (the fast path for plain Hangul and ASCII included)', () => {
    // The reference: the longest prefix of whole Intl.Segmenter graphemes within max - 1 code points.
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const reference = (input: string, max: number) => {
      let end = 0;
      let used = 0;
      for (const { segment, index } of segmenter.segment(input)) {
        if (used + charLength(segment) > max - 1) break;
        used += charLength(segment);
        end = index + segment.length;
      }
      return `${input.slice(0, end).replace(/[\s\u200D]+$/u, '')}${ELLIPSIS}`;
    };
    const mixed = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', '.', '가', '힣', '\n', '\r', '😀', '\u200D', '\u0301', '\u1100', '\u1161', '\u11A8', '\uFE0F', '🇰', '🇷', '\uD83D'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.oneof(mixed, nastyString), fc.integer({ min: 1, max: 70 }), (input, max) => {
        const result = clipText(input, max);
        if (result.clipped) expect(result.text).toBe(reference(input, max));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('excerpt', () => {
  it('returns the text itself when it fits', () => {
    expect(excerpt('짧은 답변입니다.', 100)).toBe('짧은 답변입니다.');
  });

  it('ends after a Korean sentence when one ends in the last 40% of the window', () => {
    const first = `${'가'.repeat(30)}다.`;
    expect(excerpt(`${first} ${'나'.repeat(30)}요. 끝.`, 40)).toBe(`${first}…`);
  });

  it('ends after ?, ! and 。 too, keeping a closing quote', () => {
    expect(excerpt(`${'a'.repeat(20)}?" ${'b'.repeat(30)}`, 30)).toBe(`${'a'.repeat(20)}?"…`);
    expect(excerpt(`${'a'.repeat(20)}。 ${'b'.repeat(30)}`, 30)).toBe(`${'a'.repeat(20)}。…`);
  });

  it('ends at a line break in the window', () => {
    expect(excerpt(`${'a'.repeat(25)}\n${'b'.repeat(30)}`, 30)).toBe(`${'a'.repeat(25)}…`);
  });

  it('does not take the dot of a number or a domain as a sentence end', () => {
    const text = `금리는 ${'3.5'.repeat(8)}% example.com이고 나머지는 길게 이어지는 설명입니다`;
    expect(excerpt(text, 30)).not.toMatch(/\.…$/);
  });

  it('falls back to a word boundary when no sentence ends late enough', () => {
    expect(excerpt('Hi. alpha beta gamma delta epsilon', 25)).toBe('Hi. alpha beta gamma…');
  });

  it('cuts hard, like clipText, when there is no boundary in the last 40%', () => {
    const text = `ab ${'가'.repeat(40)}`;
    expect(excerpt(text, 20)).toBe(clipText(text, 20).text);
  });

  it('always fits in max and ends with "…" when shortened', () => {
    fc.assert(
      fc.property(nastyString, fc.integer({ min: 1, max: 70 }), (input, max) => {
        const result = excerpt(input, max);
        expect(charLength(result)).toBeLessThanOrEqual(max);
        if (result === input) return;
        expect(result.endsWith(ELLIPSIS)).toBe(true);
        const prefix = result.slice(0, -ELLIPSIS.length);
        expect(input.startsWith(prefix)).toBe(true);
        expect(splitsPair(input, prefix)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('excerpt on help-center text without spaces after sentences', () => {
  it('ends at a Korean sentence end even when the next sentence follows without a space', () => {
    const text = '환불적립금은 카카오에서 제공하는 적립금입니다.기본적으로 최초 결제수단으로 환불 처리가 되지만 예외가 있습니다.';
    expect(excerpt(text, 40)).toBe('환불적립금은 카카오에서 제공하는 적립금입니다.…');
  });
});
