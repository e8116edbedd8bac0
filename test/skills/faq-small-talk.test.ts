import fc from 'fast-check';
import { holdsNonPhraseSyllable, readSmallTalk, smallTalkOf } from '../../skills/faq/parts/small-talk';
import { bundledFaq } from '../harness';
import { ask, buttonsOf, chips, data, homeChip, outputs } from './skill-turn';

/**
 * Greetings, thanks, goodbyes and laughter get a fitting reply and an invitation to ask, never the "did not
 * understand" apology; and small talk never takes the place of an FAQ answer.
 */

const text = (reply: Awaited<ReturnType<typeof ask>>) => outputs(reply).map((o) => o.simpleText?.text ?? o.textCard?.description ?? '').join('\n');

describe('the quick test before reading small talk (holdsNonPhraseSyllable)', () => {
  it('rules out only messages that are not small talk', () => {
    // syllables of phrases (and of their spelt-loose endings: 여, 용, 당) and others, decoration, repeats,
    // conjoining jamo that NFC composes into the syllable before (짜 + ᆼ = 짱, 녀 + ᆼ = 녕), Latin
    const unit = fc.constantFrom(...'안녕하세요감사합니다잘가요네여용당환불각계좌짜녀 !?~😊ㅠㅋ'.split(''), '\u1100', '\u1161', '\u11a8', '\u11bc', 'a', 'O', 'K');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (message) => {
        if (holdsNonPhraseSyllable(message)) expect(readSmallTalk(message)).toBeUndefined();
        expect(smallTalkOf(message)).toBe(readSmallTalk(message));
      }),
      { numRuns: 3000, seed: 20261207 },
    );
    // small talk spelt with conjoining jamo is still read as small talk
    expect(smallTalkOf('짜\u11bc')).toBe('light');
    expect(smallTalkOf('안녀\u11bc하세요')).toBe('greeting');
    expect(holdsNonPhraseSyllable('환불 문의요')).toBe(true);
    expect(holdsNonPhraseSyllable('안녕하세요!! 😊')).toBe(false);
    // 가 followed by a conjoining ᆨ reads as 각 after NFC: not decided before normalising
    expect(holdsNonPhraseSyllable('환\u11a8')).toBe(false);
  });
});

describe('small talk', () => {
  const cases: [string, string[], RegExp][] = [
    ['greeting', ['안녕하세요', '안녕하세요!!', '안녕하세요~~ ㅎㅎ', '안 녕 하 세 요', '안녕하세여', '안녕하세요요요', '하이', 'Hello!', '반갑습니다 ^^', '저기요'], /안녕하세요/],
    ['thanks', ['고마워요', '감사합니다!', '감사해용 ㅎㅎ', '감사 합니다.', 'ㄱㅅ', '땡큐', 'Thank you', '네 감사합니다', '고맙습니다 🙏', '도움이 됐어요'], /천만에요/],
    ['farewell', ['안녕히 계세요', '수고하세요~', '좋은 하루 되세요!', 'bye'], /좋은 하루/],
    ['light', ['ㅋㅋ', 'ㅋㅋㅋㅋㅋㅋ', 'ㅎㅎ', '하하하', 'ㅋㅎㅋㅎ', '😂😂', '^^', '👍', '넵', '알겠습니다!'], /궁금한 점/],
  ];

  it.each(cases)('answers %s with a fitting line, an invitation to ask and the home quick replies, never an apology', async (kind, utterances, line) => {
    const faq = await bundledFaq();
    const top = faq.topCategories().map((c) => c.name);
    for (const utterance of utterances) {
      const reply = await ask(faq, utterance);
      expect({ utterance, data: data(reply) }).toEqual({ utterance, data: { outcome: 'small_talk', kind } });
      expect(text(reply)).toMatch(line);
      expect(text(reply)).toMatch(/물어봐 주|찾아 주세요/);
      expect(text(reply)).not.toMatch(/죄송|이해하지 못했어요/);
      expect(homeChip(reply)).toBeDefined();
      expect(chips(reply).slice(1).map((q) => q.extra.browse[0])).toEqual(top.slice(0, chips(reply).length - 1));
    }
  });

  it('greets a greeting that comes with a message the FAQ cannot answer, and thanks a thank-you with a story', async () => {
    const faq = await bundledFaq();
    expect(data(await ask(faq, '안녕하세요 질문이 하나 있어요'))).toEqual({ outcome: 'small_talk', kind: 'greeting' });
    expect(data(await ask(faq, '덕분에 잘 해결했어요 고마워요!'))).toEqual({ outcome: 'small_talk', kind: 'thanks' });
    // a question the FAQ cannot answer is not small talk because thanks or a greeting comes with it
    expect(data(await ask(faq, '우주선 발사 일정 알려주세요 감사합니다')).outcome).toBe('fallback');
    expect(data(await ask(faq, '안녕하세요! 주식 매수 방법 알려주세요')).outcome).toBe('fallback');
    // laughter after a question it cannot answer is no reason to skip the honest fallback
    expect(data(await ask(faq, '오늘 날씨 어때요 ㅋㅋ')).outcome).toBe('fallback');
    expect(data(await ask(faq, '오늘 날씨 어때요?')).outcome).toBe('fallback');
    // a word that is also small talk, opening a message that is about something else
    expect(data(await ask(faq, '감사 보고서 제출은 어디서 하나요')).outcome).toBe('fallback');
    // the noun alone is a (short) question for the matcher, not thanks
    expect(data(await ask(faq, '감사')).outcome).not.toBe('small_talk');
  });

  it('never takes the place of an FAQ answer: every bundled question, alone or wrapped in small talk, is matched as before', async () => {
    const faq = await bundledFaq();
    let answered = 0;
    for (const entry of faq.entries) {
      for (const question of [entry.question, ...entry.alternateQuestions]) {
        expect({ question, kind: smallTalkOf(question) }).toEqual({ question, kind: undefined });
        const alone = data(await ask(faq, question)).outcome;
        expect(alone).not.toBe('small_talk');
        if (alone !== 'answer') continue;
        answered += 1;
        for (const wrapped of [`안녕하세요! ${question}`, `${question} 감사합니다 ㅎㅎ`, `ㅋㅋ ${question}`]) {
          expect({ wrapped, outcome: data(await ask(faq, wrapped)).outcome }).toEqual({ wrapped, outcome: 'answer' });
        }
      }
    }
    expect(answered).toBeGreaterThan(30);
  });

  it('leaves words that only look like small talk to the matcher', () => {
    for (const utterance of ['하이브리드 앱', '네이버 연동', '아이디 변경', '감사 보고서 제출', '안녕', '예약']) {
      const kind = smallTalkOf(utterance);
      if (utterance === '안녕') expect(kind).toBe('greeting');
      else expect({ utterance, kind }).toEqual({ utterance, kind: undefined });
    }
    expect(smallTalkOf('ㅋ'.repeat(5000))).toBe('light');
    // nouns that are small talk only sometimes ("감사" is also an audit) are not, alone; with an ending they are
    for (const word of ['감사', '최고', '대박', '감사!', '최고 최고', '감사 감사']) expect({ word, kind: smallTalkOf(word) }).toEqual({ word, kind: undefined });
    expect([smallTalkOf('감사합니다'), smallTalkOf('감사해요'), smallTalkOf('최고예요!'), smallTalkOf('대박이네요')]).toEqual(['thanks', 'thanks', 'light', 'light']);
    // Latin letters are not folded: "god" is not "good", "helo" is not "hello"
    expect([smallTalkOf('good'), smallTalkOf('Hello'), smallTalkOf('god'), smallTalkOf('helo'), smallTalkOf('ok')]).toEqual(['light', 'greeting', undefined, undefined, 'light']);
    expect(smallTalkOf('안녕하세요 '.repeat(500))).toBeUndefined();
    expect(smallTalkOf('...')).toBeUndefined();
    expect(smallTalkOf('?')).toBeUndefined();
  });
});

describe('찾는 질문이 없어요', () => {
  it('is a quick reply under the which-one carousel, and answers with ways on instead of an apology', async () => {
    const faq = await bundledFaq();
    const clarify = await ask(faq, '그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요');
    expect(data(clarify).outcome).toBe('clarify');
    const none = chips(clarify).find((q) => q.label === '찾는 질문이 없어요')!;
    expect(none).toBeDefined();

    const reply = await ask(faq, none.messageText, { clientExtra: none.extra });
    expect(text(reply)).toMatch(/다른 말로|다시 질문/);
    expect(text(reply)).not.toMatch(/죄송|이해하지 못했어요/);
    expect(chips(reply).map((q) => q.label).slice(0, 2)).toEqual(['다시 질문하기', '전체 분야 보기']);
    expect(buttonsOf(reply)).toEqual([]);

    const withPerson = await ask(faq, none.messageText, { clientExtra: none.extra, handoff: { mode: 'operator' } });
    expect(buttonsOf(withPerson)).toEqual([expect.objectContaining({ label: '상담원 연결', action: 'operator' })]);
    expect(data(withPerson).handoff).toMatchObject({ mode: 'operator', lastUtterance: '그룹 채팅방 프로필별 대화상대 메뉴가 뭐예요' });
  });
});
