import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkExpectations, checkList, deriveExpectations, isDeepSubset } from '../../src/cli/replay/expectations';
import { ExpectSchema, loadFixture, type Expectations } from '../../src/cli/replay/fixture';
import { diffJson, parsePath } from '../../src/cli/replay/json-diff';
import { formatFailure, jsonReport, textReport } from '../../src/cli/replay/report';
import { exitCodeFor, requestIdFor, runReplay, withoutServerOrigin } from '../../src/cli/replay/runner';
import type { Delivery, SendOptions, Transport } from '../../src/cli/replay/transport';
import { kakaoPayload } from '../harness';

const expectations = (input: Record<string, unknown>): Expectations => ExpectSchema.parse(input);

/** A response shaped like the FAQ skill's answer reply. */
function answerBody(overrides: { quickReplies?: string[]; url?: string } = {}) {
  return {
    version: '2.0',
    template: {
      outputs: [
        {
          textCard: {
            title: '월렛을 삭제할 수 있나요?',
            description: '월렛은 삭제할 수 없어요.',
            buttons: [{ label: '전체 답변 보기', action: 'webLink', webLinkUrl: overrides.url ?? 'https://faq.example.com/faq/faq-ccab68fffd78' }],
          },
        },
      ],
      quickReplies: (overrides.quickReplies ?? ['월렛 상태는 무엇인가요?', '도움이 됐어요']).map((label) => ({ label, action: 'message', messageText: label })),
    },
    data: { outcome: 'answer', faqId: 'faq-ccab68fffd78', question: '월렛을 삭제할 수 있나요?', categories: ['카카오톡 채널 관리자', '관리하기'] },
  };
}

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
function fakeTransport(status: number, body: unknown): Transport & { sent: { body: unknown; options?: SendOptions }[] } {
  const sent: { body: unknown; options?: SendOptions }[] = [];
  return {
    target: 'fake',
    injectsFaults: false,
    sent,
    async send(requestBody, options): Promise<Delivery> {
      sent.push({ body: requestBody, options });
      return { status, body, latencyMs: 1, attempts: [{ status, latencyMs: 1 }] };
    },
    async close() {},
  };
}

describe('runReplay', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, fixture: unknown) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
    return file;
  };

  it('a failing expectation fails the case, prints a readable diff and makes the exit code non-zero', async () => {
    const file = write('wallet', { description: 'd', request: kakaoPayload('월렛 삭제'), expect: { outcome: 'answer', quickReplies: { contains: ['처음으로'] } } });
    const report = await runReplay([loadFixture(file, dir)], fakeTransport(200, answerBody()));
    expect(report.summary).toMatchObject({ total: 1, passed: 0, failed: 1 });
    expect(exitCodeFor(report)).toBe(1);
    const text = textReport(report, dir);
    expect(text).toContain('wallet');
    expect(text).toContain('FAIL');
    expect(text).toContain('quickReplies.contains  expected "처음으로" among them');
    expect(text).toContain('got "월렛 상태는 무엇인가요?", "도움이 됐어요"');
    expect(text).toMatch(/0 passed, 1 failed of 1 case\(s\) against fake$/);
  });

  it('a passing run exits 0 and sends the request with a request id naming the case', async () => {
    const request = kakaoPayload('월렛 삭제');
    const file = write('wallet', { description: 'd', request, expect: { outcome: 'answer' } });
    const transport = fakeTransport(200, answerBody());
    const report = await runReplay([loadFixture(file, dir)], transport);
    expect(exitCodeFor(report)).toBe(0);
    expect(transport.sent).toEqual([{ body: request, options: { fault: undefined, requestId: 'replay.wallet' } }]);
  });

  it('reports a snapshot difference path by path, and --update rewrites only the snapshot', async () => {
    const fixture = {
      description: 'd',
      request: kakaoPayload('월렛 삭제'),
      expect: { outcome: 'answer' },
      ignore: ['data.faqVersion'],
      snapshot: { ...answerBody(), data: { ...answerBody().data, question: '옛 질문', faqVersion: 'old' } },
    };
    const file = write('snap', fixture);
    const body = { ...answerBody(), data: { ...answerBody().data, faqVersion: 'new' } };

    const report = await runReplay([loadFixture(file, dir)], fakeTransport(200, body));
    expect(report.results[0]).toMatchObject({ verdict: 'fail', snapshot: 'mismatch' });
    const failure = formatFailure(report.results[0]!, dir);
    expect(failure).toContain('snapshot differs at 1 path(s)');
    expect(failure).toContain('data.question: "옛 질문" → "월렛을 삭제할 수 있나요?"');

    const updated = await runReplay([loadFixture(file, dir)], fakeTransport(200, body), { update: true });
    expect(updated.results[0]).toMatchObject({ verdict: 'pass', snapshot: 'updated' });
    expect(updated.summary.updated).toBe(1);
    const rewritten = JSON.parse(readFileSync(file, 'utf8'));
    expect(rewritten).toEqual({ ...fixture, snapshot: body });
    expect(Object.keys(rewritten)).toEqual(Object.keys(fixture));

    const again = await runReplay([loadFixture(file, dir)], fakeTransport(200, body));
    expect(again.results[0]).toMatchObject({ verdict: 'pass', snapshot: 'match' });
  });

  it('an invalid fixture is reported with its file and the JSON path of each problem, and fails the run', async () => {
    const file = write('typo', { description: 'd', request: {}, expect: { outcom: 'answer', quickReplies: { contains: '처음으로' } } });
    const report = await runReplay([loadFixture(file, dir)], fakeTransport(200, answerBody()));
    expect(report.summary.invalid).toBe(1);
    expect(exitCodeFor(report)).toBe(1);
    const text = textReport(report, dir);
    expect(text).toContain('✗ typo  (typo.json)');
    expect(text).toContain('expect.quickReplies.contains: Invalid input: expected array, received string');
    expect(text).toContain('expect: Unrecognized key: "outcom"');
  });

  it('a fault fixture is skipped, with the reason, when the transport cannot inject faults', async () => {
    const file = write('fault', { description: 'd', fault: 'skill-error', request: kakaoPayload('x'), expect: { outcome: 'error' } });
    const transport = fakeTransport(200, answerBody());
    const report = await runReplay([loadFixture(file, dir)], transport);
    expect(report.summary).toMatchObject({ skipped: 1, failed: 0 });
    expect(transport.sent).toEqual([]);
    expect(textReport(report, dir)).toContain('needs the in-process server to inject a skill-error');
    expect(exitCodeFor(report)).toBe(0);
  });

  it('a request that never got a response fails with every attempt listed', async () => {
    const file = write('down', { description: 'd', request: kakaoPayload('x'), expect: {} });
    const transport: Transport = {
      ...fakeTransport(200, {}),
      send: async () => ({ latencyMs: 5, attempts: [{ problem: 'timed out after 5 ms', latencyMs: 5 }, { problem: 'ECONNRESET: socket hang up', latencyMs: 1 }] }),
    };
    const report = await runReplay([loadFixture(file, dir)], transport);
    expect(formatFailure(report.results[0]!, dir)).toContain('got attempt 1: timed out after 5 ms; attempt 2: ECONNRESET: socket hang up');
    expect(jsonReport(report, dir)).toMatchObject({ results: [{ case: 'down', result: 'fail', status: null, attempts: [{ problem: 'timed out after 5 ms' }, { problem: 'ECONNRESET: socket hang up' }] }] });
  });
});

describe('fixture files', () => {
  it('accept the minimal shape {description, request, expect: {outcome}}', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
    try {
      const file = path.join(dir, 'conversation', 'minimal.json');
      mkdirSync(path.dirname(file));
      writeFileSync(file, JSON.stringify({ description: 'd', request: kakaoPayload('x'), expect: { outcome: 'fallback' } }));
      const load = loadFixture(file, dir);
      expect(load.ok).toBe(true);
      expect(load.value.name).toBe('conversation/minimal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('report unreadable JSON and a missing request', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'replay-'));
    try {
      writeFileSync(path.join(dir, 'broken.json'), '{ "description": ');
      writeFileSync(path.join(dir, 'norequest.json'), JSON.stringify({ description: 'd', expect: {} }));
      expect(loadFixture(path.join(dir, 'broken.json'), dir)).toMatchObject({ ok: false, value: { problems: [expect.stringMatching(/^not valid JSON/)] } });
      expect(loadFixture(path.join(dir, 'norequest.json'), dir)).toMatchObject({ ok: false, value: { problems: ['request: required: the request body Kakao sends'] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('request ids are safe for the edge and name the case', () => {
    expect(requestIdFor('answer/exact-question')).toBe('replay.answer.exact-question');
    expect(requestIdFor(`x/${'a'.repeat(100)}`)).toHaveLength(64);
  });
});
