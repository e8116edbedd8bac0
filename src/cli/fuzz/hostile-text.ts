import fc from 'fast-check';

/**
 * Text that breaks naive code: control characters, lone surrogates, bidi overrides, zero-width joiners,
 * emoji sequences, Hangul jamo, very long runs. Used for utterances, payload fields and FAQ text.
 */

/** Named samples, so a failing case is recognisable in a report. */
export const HOSTILE_SAMPLES: Readonly<Record<string, string>> = {
  empty: '',
  blank: ' \t\n\r ',
  nul: '\u0000',
  controls: Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0085\u2028\u2029',
  loneHighSurrogate: '환불\ud800',
  loneLowSurrogate: '\udc00계좌',
  reversedSurrogates: '\udc00\ud800',
  rtlOverride: '\u202e환불 계좌\u202c',
  rtlMarks: '\u200f\u200e\u061c\u2067\u2069',
  arabicHebrew: 'مرحبا שלום 환불',
  zeroWidth: '환\u200b불\u200c계\u200d좌\ufeff',
  zwjFamily: '👨‍👩‍👧‍👦',
  emojiOnly: '😊🙏🔥💳📱',
  flagsAndModifiers: '🇰🇷👍🏽🏳️‍🌈',
  combiningMarks: 'e\u0301\u0301\u0301 Z\u0336\u0337\u0338',
  hangulJamo: 'ㅎㅂ ㄱㅈ 환불',
  halfwidthHangul: 'ﾾﾡﾮ',
  fullwidth: 'ＡＢＣ１２３',
  variationSelectors: '환︀불󠄀',
  tenThousandHangul: '환불'.repeat(5_000),
  tenThousandAscii: 'a'.repeat(10_000),
  tenThousandEmoji: '😊'.repeat(10_000),
  tenThousandZwj: '\u200d'.repeat(10_000),
  htmlAndQuotes: `<script>alert("x")</script>'"\`&amp;`,
  jsonSyntax: '{"a":[1,2]}\\"\\u0000',
  templateSyntax: '{{#webhook.answer}} ${process.env} %s %n',
  sqlAndPaths: "' OR 1=1 -- ../../etc/passwd %2e%2e%2f",
  protoKeys: '__proto__ constructor prototype',
  numbersAsText: 'NaN Infinity -0 1e309',
};

const PIECES = Object.values(HOSTILE_SAMPLES).map((s) => s.slice(0, 64));

/** One hostile code unit or short sequence: the building blocks of {@link hostileString}. */
const hostileUnit: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...PIECES),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202d', '\u202e', '\u2066', '\ufeff'),
  fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x1f300, max: 0x1faff }).map((c) => String.fromCodePoint(c)),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

/** A string made of hostile pieces, sometimes one of the named samples whole (including the 10,000-character ones). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(hostileUnit, { maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 2, arbitrary: fc.constantFrom(...Object.values(HOSTILE_SAMPLES)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.constantFrom('환불', '월렛 삭제', '예약 취소 어케 해요ㅠㅠ', 'ghksqnf', '톡체크아웃 관리자센터') },
);
