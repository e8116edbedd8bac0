import { checkExpectations, checkList, deriveExpectations, isDeepSubset } from '../../src/cli/replay/expectations';
import { ExpectSchema, type Expectations } from '../../src/cli/replay/fixture';
import { diffJson, parsePath } from '../../src/cli/replay/json-diff';
import { withoutServerOrigin } from '../../src/cli/replay/runner';
import { answerBody } from './answer-body';

const expectations = (input: Record<string, unknown>): Expectations => ExpectSchema.parse(input);


describe('checkExpectations', () => {
  it('passes a response that meets every expectation, ignoring extra quick replies and data keys', () => {
    const expect_ = expectations({
      outcome: 'answer',
      faqId: 'faq-ccab68fffd78',
      question: '월렛을 삭제할 수 있나요?',
      outputTypes: ['textCard'],
      cardTitle: '월렛을 삭제할 수 있나요?',
      textContains: '삭제할 수 없어요',
      quickReplies: { contains: ['도움이 됐어요'] },
      answerPageButton: true,
      data: { categories: ['카카오톡 채널 관리자'] },
    });
    expect(checkExpectations(expect_, { status: 200, body: { ...answerBody(), data: { ...answerBody().data, faqVersion: 'abc' } } })).toEqual([]);
  });

  it('names each field that differs with what was expected and what came', () => {
    const mismatches = checkExpectations(expectations({ outcome: 'clarify', faqId: 'faq-other', cardTitle: '다른 질문' }), { status: 200, body: answerBody() });
    expect(mismatches).toEqual([
      { field: 'outcome', expected: '"clarify"', actual: '"answer"' },
      { field: 'faqId', expected: '"faq-other"', actual: '"faq-ccab68fffd78"' },
      { field: 'cardTitle', expected: '"다른 질문"', actual: 'card titles "월렛을 삭제할 수 있나요?"' },
    ]);
  });

  it('reports only the status when it is wrong, with the error code the server gave', () => {
    const body = { error: { status: 401, code: 'wrong_secret', message: 'The secret header is wrong' } };
    expect(checkExpectations(expectations({ outcome: 'answer' }), { status: 401, body })).toEqual([
      { field: 'status', expected: '200', actual: '401 wrong_secret: The secret header is wrong' },
    ]);
  });

  it('checks a 200 body against the Kakao response contract even when expect is empty', () => {
    const [mismatch] = checkExpectations(expectations({}), { status: 200, body: { template: { outputs: [] } } });
    expect(mismatch).toMatchObject({ field: 'response', expected: 'a valid Kakao SkillResponse' });
    expect(mismatch!.actual).toMatch(/version/);
  });

  it('finds the answer-page button by the /faq/<id> path, whatever the origin', () => {
    const onStaging = answerBody({ url: 'https://staging.example.com/bot/faq/faq-ccab68fffd78' });
    expect(checkExpectations(expectations({ answerPageButton: true }), { status: 200, body: onStaging })).toEqual([]);
    const elsewhere = answerBody({ url: 'https://cs.kakao.com/helps' });
    expect(checkExpectations(expectations({ answerPageButton: true }), { status: 200, body: elsewhere })).toEqual([
      { field: 'answerPageButton', expected: 'a button opening /faq/faq-ccab68fffd78', actual: 'link buttons "전체 답변 보기 → https://cs.kakao.com/helps"' },
    ]);
  });

  it('checks the error code and path of a 400', () => {
    const body = { error: { status: 400, code: 'invalid_payload', path: 'userRequest.utterance', message: 'Body is not a Kakao SkillPayload' } };
    expect(checkExpectations(expectations({ status: 400, error: { code: 'invalid_payload', path: 'userRequest.utterance' } }), { status: 400, body })).toEqual([]);
    expect(checkExpectations(expectations({ status: 400, error: { path: 'userRequest' } }), { status: 400, body })).toEqual([
      { field: 'error.path', expected: '"userRequest"', actual: '"userRequest.utterance"' },
    ]);
  });

  it('matches clarify candidates by FAQ id or by question', () => {
    const body = {
      version: '2.0',
      template: { outputs: [{ simpleText: { text: '어떤 질문을 찾으시나요?' } }] },
      data: { outcome: 'clarify', candidates: [{ faqId: 'faq-1', question: '리뷰 포인트는 무엇인가요?' }, { faqId: 'faq-2', question: '포인트 등록은 어떻게 하나요?' }] },
    };
    expect(checkExpectations(expectations({ candidates: { contains: ['faq-2', '리뷰 포인트는 무엇인가요?'] } }), { status: 200, body })).toEqual([]);
    const [miss] = checkExpectations(expectations({ candidates: { contains: ['faq-3'] } }), { status: 200, body });
    expect(miss).toEqual({ field: 'candidates.contains', expected: '"faq-3" among them', actual: 'faq-1 "리뷰 포인트는 무엇인가요?", faq-2 "포인트 등록은 어떻게 하나요?"' });
  });
});

describe('checkList (quick replies, output types)', () => {
  const labels = ['월렛 상태는 무엇인가요?', '도움이 됐어요', '아쉬워요'];

  it('contains: listed labels must be there, others may be too', () => {
    expect(checkList('quickReplies', { contains: ['아쉬워요'] }, labels)).toEqual([]);
    expect(checkList('quickReplies', { contains: ['처음으로', '아쉬워요'] }, labels)).toEqual([
      { field: 'quickReplies.contains', expected: '"처음으로" among them', actual: '"월렛 상태는 무엇인가요?", "도움이 됐어요", "아쉬워요"' },
    ]);
  });

  it('exact: the same labels in the same order', () => {
    expect(checkList('quickReplies', { exact: labels }, labels)).toEqual([]);
    expect(checkList('quickReplies', { exact: ['도움이 됐어요'] }, labels)).toHaveLength(1);
    expect(checkList('quickReplies', { exact: [] }, [])).toEqual([]);
  });

  it('excludes: none of the listed labels', () => {
    expect(checkList('quickReplies', { excludes: ['아쉬워요'] }, labels)).toEqual([
      { field: 'quickReplies.excludes', expected: 'no "아쉬워요"', actual: '"월렛 상태는 무엇인가요?", "도움이 됐어요", "아쉬워요"' },
    ]);
  });

  it('an array of output types means exactly these, in order', () => {
    const body = { version: '2.0', template: { outputs: [{ simpleText: { text: 'a' } }, { simpleText: { text: 'b' } }] } };
    expect(checkExpectations(expectations({ outputTypes: ['simpleText'] }), { status: 200, body })).toEqual([
      { field: 'outputTypes.exact', expected: '"simpleText"', actual: '"simpleText", "simpleText"' },
    ]);
    expect(checkExpectations(expectations({ outputTypes: { contains: ['simpleText'] } }), { status: 200, body })).toEqual([]);
  });
});

describe('isDeepSubset', () => {
  it('accepts extra keys and extra trailing array items, nothing else', () => {
    expect(isDeepSubset({ a: [1, { b: 2 }] }, { a: [1, { b: 2, c: 3 }, 4], d: 5 })).toBe(true);
    expect(isDeepSubset({ a: [2] }, { a: [1, 2] })).toBe(false);
    expect(isDeepSubset({ a: null }, {})).toBe(false);
    expect(isDeepSubset({ a: { b: 1 } }, { a: [1] })).toBe(false);
  });
});

describe('diffJson (snapshots)', () => {
  it('lists changed, missing and unexpected paths in JSON path syntax', () => {
    const expected = { data: { outcome: 'answer', faqId: 'a' }, list: [1, 2] };
    const actual = { data: { outcome: 'clarify', extra: true }, list: [1] };
    expect(diffJson(expected, actual)).toEqual([
      { path: 'data.outcome', kind: 'changed', expected: 'answer', actual: 'clarify' },
      { path: 'data.faqId', kind: 'missing', expected: 'a' },
      { path: 'data.extra', kind: 'unexpected', actual: true },
      { path: 'list[1]', kind: 'missing', expected: 2 },
    ]);
  });

  it('skips ignored paths, their children, and * wildcards', () => {
    const expected = { data: { faqVersion: '1' }, template: { quickReplies: [{ label: 'a', extra: { x: 1 } }] } };
    const actual = { data: { faqVersion: '2', faqSet: { id: 'kakao' } }, template: { quickReplies: [{ label: 'a', extra: { x: 2 } }] } };
    expect(diffJson(expected, actual, { ignore: ['data.faqVersion', 'data.faqSet', 'template.quickReplies[*].extra'] })).toEqual([]);
    expect(diffJson(expected, actual, { ignore: ['data'] })).toEqual([{ path: 'template.quickReplies[0].extra.x', kind: 'changed', expected: 1, actual: 2 }]);
  });

  it('parses paths with indexes and wildcards, and rejects malformed ones', () => {
    expect(parsePath('template.outputs[0].carousel.items[*].title')).toEqual(['template', 'outputs', 0, 'carousel', 'items', '*', 'title']);
    expect(() => parsePath('a[b]')).toThrow(/bad path/);
  });

  it('compares answer-page links without the server origin', () => {
    expect(withoutServerOrigin('https://faq.example.com/faq/faq-1')).toBe(withoutServerOrigin('http://127.0.0.1:8080/faq/faq-1'));
    expect(withoutServerOrigin('https://staging.example.com/kakao/faq/faq-1')).toBe('<PUBLIC_BASE_URL>/faq/faq-1');
    expect(withoutServerOrigin('https://cs.kakao.com/helps')).toBe('https://cs.kakao.com/helps');
    expect(diffJson({ url: 'https://faq.example.com/faq/x' }, { url: 'http://127.0.0.1:1/faq/y' }, { normalizeString: withoutServerOrigin })).toHaveLength(1);
  });
});

describe('deriveExpectations (what `npm run fixture -- new` writes)', () => {
  it('reads outcome, entry, output types and the answer-page button off an answer', () => {
    expect(deriveExpectations({ status: 200, body: answerBody() })).toEqual({
      outcome: 'answer',
      faqId: 'faq-ccab68fffd78',
      question: '월렛을 삭제할 수 있나요?',
      outputTypes: ['textCard'],
      answerPageButton: true,
    });
  });

  it('reads status and error code off a 400', () => {
    const body = { error: { status: 400, code: 'invalid_payload', path: 'userRequest.utterance', message: 'x' } };
    expect(deriveExpectations({ status: 400, body })).toEqual({ status: 400, error: { code: 'invalid_payload', path: 'userRequest.utterance' } });
  });
});

/** A transport that answers every request with the same response, recording what was sent. */
