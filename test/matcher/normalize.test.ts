import { disassemble } from 'es-hangul';
import { fixKeyboardLayout, toChoseong, toJamo } from '../../src/matcher/hangul';
import { normalizeText } from '../../src/matcher/normalize';
import { contentStems, hasNegation, isPredicate, stemWord } from '../../src/matcher/stemming';

describe('normalizeText', () => {
  it.each([
    ['환불 어케 받아요?ㅠㅠ', '환불 어떻게 받아요'],
    ['안되요ㅋㅋ', '안돼요'],
    ['됬어요', '됐어요'],
    ['메세지 광고', '메시지 광고'],
    ['ＰＣ버전(윈도우)', 'pc 버전 윈도우'],
    ['카카오T 대리', '카카오 t 대리'],
    ['500개까지', '500 개까지'],
    ['KG이니시스로 결제된 내역', 'kg 이니시스로 결제된 내역'],
    ['예약취소로 바뀐 건은 어떤 처리가 된 건가요ㅠ', '예약취소로 바뀐 건은 어떤 처리가 된 건가요'],
    ['일괄 완료처리 버튼 눌러도 반응없어요ㅠㅠ', '일괄 완료처리 버튼 눌러도 반응없어요'],
    ['ㅎㅂ ㄱㅈ', 'ㅎㅂ ㄱㅈ'],
    ['"카카오헤어 for 디자이너" 앱', '카카오헤어 for 디자이너 앱'],
    // plain ASCII + Hangul text takes a one-pass path; these pin it to the general one
    ['PC버전\t설정!!', 'pc 버전 설정'],
    ['iOS14에서 안되요', 'ios 14 에서 안돼요'],
    ['몇개까지 할수있나요?', '몇 개까지 할 수있나요'],
    ['KakaoTalk(카카오톡) v10.2', 'kakaotalk 카카오톡 v 10 2'],
    ['  여러   칸\n띄어쓰기  ', '여러 칸 띄어쓰기'],
    ['A/S 접수 #123', 'a s 접수 123'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it.each(['', '   ', '😊', '🙏🙏', '...', '?!', 'ㅋㅋㅋㅋㅋ', 'ㅠㅠ', 'ㅎㅎ'])('reduces %j to nothing', (input) => {
    expect(normalizeText(input)).toBe('');
  });

  it('composes decomposed (NFD) Hangul, as sent by some macOS clients', () => {
    expect(normalizeText('환불'.normalize('NFD'))).toBe('환불');
  });

  it('keeps compatibility jamo out of NFKC, which would turn "ㅋㅠ" into "큐"', () => {
    expect(normalizeText('ㄱㅈ')).toBe('ㄱㅈ');
  });
});

describe('stemWord', () => {
  it.each([
    ['환불받으려면', '환불'],
    ['월렛을', '월렛'],
    ['취소는요', '취소'],
    ['한도가', '한도'],
    ['세금계산서를', '세금계산서'],
    ['없애는', '없애'],
    ['선물하는', '선물'],
    ['추가하고싶은데', '추가'],
    ['들어와요', '들어와'],
    // nouns that end like a particle or an ending are left alone
    ['추가', '추가'],
    ['광고', '광고'],
    ['필요', '필요'],
    ['결과', '결과'],
    ['한도', '한도'],
    ['ios', 'ios'],
  ])('stems %j to %j', (word, stem) => {
    expect(stemWord(word)).toBe(stem);
  });
});

describe('contentStems', () => {
  it.each([
    ['환불 계좌는 어떻게 등록 하나요?', ['환불', '계좌', '등록']],
    ['월렛은 어디에서 확인할 있나요?', ['월렛', '확인']],
    ['봇은 최대 몇 개까지 만들 있나요?', ['봇', '최대', '개', '만들']],
    ['그럼 취소는요?', ['취소']],
    ['채널 관리자센터 월렛 뜻', ['채널', '관리자센터', '월렛']],
    ['감사합니다!!', []],
    ['😊', []],
  ])('reduces %j to %j', (text, stems) => {
    expect(contentStems(text)).toEqual(stems);
  });
});

describe('Korean helpers', () => {
  it('decomposes to jamo so that one typo costs one jamo', () => {
    expect(toJamo('환불')).toBe('ㅎㅗㅏㄴㅂㅜㄹ');
    expect(toJamo('환뷸')).toBe('ㅎㅗㅏㄴㅂㅠㄹ');
  });

  it("decomposes every syllable and jamo exactly as es-hangul's disassemble, whose results it keeps", () => {
    const chars: string[] = [];
    for (let code = 0x3131; code <= 0xd7a3; code++) chars.push(String.fromCharCode(code));
    expect(chars.filter((c) => toJamo(c) !== disassemble(c))).toEqual([]);
    expect(toJamo('카톡 ㄳ ㅘ a1 😊')).toBe(disassemble('카톡 ㄳ ㅘ a1 😊'));
  });

  it('takes initial consonants for 초성 queries', () => {
    expect(toChoseong('환불')).toBe('ㅎㅂ');
    expect(toChoseong('영업권')).toBe('ㅇㅇㄱ');
  });

  it.each([
    ['ghksqnf', '환불'],
    ['rPwhk', '계좌'],
    ['dnjffpt', '월렛'],
  ])('re-reads %j typed on the wrong keyboard layout as %j', (raw, hangul) => {
    expect(fixKeyboardLayout(raw)).toBe(hangul);
  });

  it.each(['zzzzzz', 'extra', 'refund', 'ok', 'hello', 'asdfgh', 'hkq'])('leaves the English-looking %j alone', (raw) => {
    expect(fixKeyboardLayout(raw)).toBeUndefined();
  });

  it.each([
    ['메일로 못받음', true],
    ['일괄이용완료가 안 돼요', true],
    ['확인되지 않아요', true],
    ['반응없어요', true],
    ['월렛 없애는 방법', false],
    ['안내 받기', false],
    ['안드로이드', false],
  ])('detects negation in %j: %s', (text, negated) => {
    expect(hasNegation(normalizeText(text))).toBe(negated);
  });

  it('tells predicates ("들어와요") from nouns with particles ("돈이", "선물하는")', () => {
    expect(isPredicate('들어와요')).toBe(true);
    expect(isPredicate('끝나면')).toBe(true);
    expect(isPredicate('돈이')).toBe(false);
    expect(isPredicate('선물하는')).toBe(false);
    expect(isPredicate('신분증')).toBe(false);
  });
});
