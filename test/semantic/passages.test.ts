import { answerLead, ANSWER_LEAD_CHARS, passagesOf } from '../../src/semantic/passages';

describe('passagesOf', () => {
  it('embeds the question and each alternate as e5 queries, and the question with the answer lead as a passage', () => {
    const passages = passagesOf({
      question: '환불 계좌는 어떻게 등록하나요?',
      alternateQuestions: ['환불 계좌 등록', '환불받을 계좌 바꾸기'],
      answer: '설정 > 결제 > 환불 계좌에서 등록합니다.',
    });
    expect(passages).toEqual([
      { kind: 'question', text: 'query: 환불 계좌는 어떻게 등록하나요?' },
      { kind: 'alternate', text: 'query: 환불 계좌 등록' },
      { kind: 'alternate', text: 'query: 환불받을 계좌 바꾸기' },
      { kind: 'answer', text: 'passage: 환불 계좌는 어떻게 등록하나요? 설정 > 결제 > 환불 계좌에서 등록합니다.' },
    ]);
  });

  it('drops an alternate that repeats the question and collapses its spacing first', () => {
    const passages = passagesOf({ question: '예약 취소', alternateQuestions: ['  예약   취소 '], answer: '예약 내역에서 취소합니다.' });
    expect(passages.map((p) => p.kind)).toEqual(['question', 'answer']);
  });

  it('has no answer passage when the answer is only a link', () => {
    const passages = passagesOf({ question: '공지사항 보기', answer: 'https://cs.kakao.com/notices?service=8' });
    expect(passages).toEqual([{ kind: 'question', text: 'query: 공지사항 보기' }]);
  });

  it('gives composed Hangul however the entry was typed (NFD input)', () => {
    const [question] = passagesOf({ question: '환불'.normalize('NFD'), answer: '네' });
    expect(question!.text).toBe('query: 환불');
  });
});

describe('answerLead', () => {
  it('removes URLs, tags and Markdown but keeps link and button text', () => {
    const lead = answerLead('<p>**[설정]** > [알림]에서 켭니다.</p> 자세히는 [도움말](https://cs.kakao.com/helps?x=1) 또는 https://kakao.com/a 참고.');
    expect(lead).toBe('설정 > 알림에서 켭니다. 자세히는 도움말 또는 참고.');
  });

  it('cuts a long answer at the last sentence end within the limit', () => {
    const first = '카카오톡 설정에서 알림을 켤 수 있습니다.';
    const answer = `${first} ${'알림 소리는 기기 설정을 따릅니다. '.repeat(20)}`;
    const lead = answerLead(answer);
    expect([...lead].length).toBeLessThanOrEqual(ANSWER_LEAD_CHARS);
    expect(lead.startsWith(first)).toBe(true);
    expect(lead.endsWith('따릅니다.')).toBe(true);
  });

  it('cuts at a word when the first sentence is longer than the limit, and never after a step number', () => {
    const words = Array.from({ length: 80 }, (_, i) => `단어${i}`).join(' ');
    const lead = answerLead(words, 50);
    expect([...lead].length).toBeLessThanOrEqual(50);
    expect(words.split(' ')).toEqual(expect.arrayContaining(lead.split(' ')));
    const steps = answerLead('방법은 다음과 같습니다 1. 앱을 엽니다 2. 설정을 누릅니다 3. 알림을 켭니다 그리고 끝', 30);
    expect(steps).not.toMatch(/\d\.$/);
  });

  it('reads only the head of a 20,000-character answer', () => {
    expect([...answerLead('가'.repeat(20_000))].length).toBe(ANSWER_LEAD_CHARS);
  });
});
