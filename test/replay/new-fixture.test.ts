import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFixture } from '../../src/cli/replay/fixture';
import {
  anonymizeRequest,
  defaultCaseName,
  defaultFlow,
  draftFixture,
  findPayload,
  newRequest,
  requestsFromLog,
  writeFixture,
} from '../../src/cli/replay/new-fixture';
import { replayFixture } from '../../src/cli/replay/runner';
import { localTransport, type Transport } from '../../src/cli/replay/transport';
import { SkillPayloadSchema, toSkillRequest } from '../../src/kakao';
import { kakaoPayload } from '../harness';

let transport: Transport;
let dir: string;
beforeAll(async () => {
  transport = await localTransport();
});
afterAll(async () => {
  await transport.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fixture-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('newRequest', () => {
  it('builds a payload Kakao could have sent, with fresh user keys each time', () => {
    const a = toSkillRequest(SkillPayloadSchema.parse(newRequest('월렛 삭제')));
    const b = toSkillRequest(SkillPayloadSchema.parse(newRequest('월렛 삭제')));
    expect(a).toMatchObject({ utterance: '월렛 삭제', triggerType: 'TEXT_INPUT', blockName: '폴백 블록', lang: 'ko', isTestChat: false });
    expect(a.userId).toMatch(/^[0-9a-f]{64}$/);
    expect(a.userId).not.toBe(b.userId);
  });

  it('takes the button extra, bot, block, trigger and surface a tester names', () => {
    const request = newRequest('이 질문 보기', {
      clientExtra: { faqId: 'faq-ccab68fffd78' },
      bot: '64aa00000000000000000001:테스트봇',
      blockName: '자주 묻는 질문',
      surface: 'BuilderBotTest',
    });
    expect(toSkillRequest(SkillPayloadSchema.parse(request))).toMatchObject({
      clientExtra: { faqId: 'faq-ccab68fffd78' },
      triggerType: 'CARD_BUTTON_MESSAGE',
      botId: '64aa00000000000000000001',
      botName: '테스트봇',
      blockName: '자주 묻는 질문',
      isTestChat: true,
    });
  });
});

describe('drafting a fixture from one replay', () => {
  it('fills expect from the response, and the written fixture replays green', async () => {
    const request = newRequest('환불 계좌 등록');
    const draft = draftFixture('Typed "환불 계좌 등록"', request, await transport.send(request));
    expect(draft.expect).toEqual({
      outcome: 'answer',
      faqId: 'faq-f6fb364bc72d',
      question: '환불 계좌는 어떻게 등록 하나요?',
      // no answerPageButton: this short answer is shown whole on the card, which then offers no 전체 답변 보기
      outputTypes: ['textCard', 'listCard'],
    });
    expect(defaultFlow(draft)).toBe('answer');

    const file = writeFixture(dir, defaultFlow(draft), 'refund', draft);
    expect(file).toBe(path.join(dir, 'answer', 'refund.json'));
    const load = loadFixture(file, dir);
    if (!load.ok) throw new Error(load.value.problems.join('\n'));
    expect((await replayFixture(load.value, transport)).verdict).toBe('pass');
  });

  it('with a snapshot, ignores the FAQ version keys; a 400 goes to the invalid flow', async () => {
    const answered = draftFixture('d', newRequest('월렛'), await transport.send(newRequest('월렛')), { snapshot: true });
    expect(answered.ignore).toEqual(['data.faqVersion', 'data.faqSet']);
    expect(answered.snapshot).toMatchObject({ version: '2.0', data: { outcome: 'answer' } });

    const bad = { userRequest: { utterance: 7 } };
    const rejected = draftFixture('d', bad, await transport.send(bad));
    expect(rejected.expect).toEqual({ status: 400, error: { code: 'invalid_payload', path: 'userRequest.utterance' } });
    expect(defaultFlow(rejected)).toBe('invalid');
  });

  it('refuses to overwrite a fixture or to write outside the folder', async () => {
    const draft = draftFixture('d', newRequest('월렛'), await transport.send(newRequest('월렛')));
    writeFixture(dir, 'answer', 'wallet', draft);
    expect(() => writeFixture(dir, 'answer', 'wallet', draft)).toThrow(/exists; pick another --name or pass --force/);
    expect(() => writeFixture(dir, '../answer', 'wallet', draft)).toThrow(/flow "..\/answer" must be/);
    writeFixture(dir, 'answer', 'wallet', { ...draft, description: 'changed' }, { force: true });
    expect(JSON.parse(readFileSync(path.join(dir, 'answer', 'wallet.json'), 'utf8')).description).toBe('changed');
  });

  it('names a case after the utterance, romanised, with a hash of the utterance and button extra (not the user keys)', () => {
    expect(defaultCaseName('환불 계좌 등록', newRequest('환불 계좌 등록'))).toMatch(/^hwanbul-gyejwa-deungnok-[0-9a-f]{6}$/);
    expect(defaultCaseName('AML이 뭐야', newRequest('AML이 뭐야'))).toMatch(/^amli-mwoya-[0-9a-f]{6}$/);
    expect(defaultCaseName('😊', newRequest('😊'))).toMatch(/^case-[0-9a-f]{6}$/);
    // fresh user keys every draft, the same name every time
    expect(defaultCaseName('월렛 삭제', newRequest('월렛 삭제'))).toBe(defaultCaseName('월렛 삭제', newRequest('월렛 삭제')));
    const button = (faqId: string) => newRequest('이 질문 보기', { clientExtra: { faqId } });
    expect(defaultCaseName('이 질문 보기', button('faq-a'))).not.toBe(defaultCaseName('이 질문 보기', button('faq-b')));
  });
});

describe('requests from a log', () => {
  const payload = kakaoPayload('월렛 삭제');

  it('finds the body under body, payload or req.body, in a JSON string, or as the line itself', () => {
    expect(findPayload({ level: 30, msg: 'skill request', body: payload })).toEqual(payload);
    expect(findPayload({ payload })).toEqual(payload);
    expect(findPayload({ req: { method: 'POST', body: payload } })).toEqual(payload);
    expect(findPayload({ msg: 'x', body: JSON.stringify(payload) })).toEqual(payload);
    expect(findPayload(payload)).toEqual(payload);
    expect(findPayload({ msg: 'listening', port: 8080 })).toBeUndefined();
  });

  it('reads every line that holds a request and says why it skipped the others', () => {
    const log = [
      JSON.stringify({ time: 1, body: payload }),
      'plain text line',
      JSON.stringify({ msg: 'skill call', outcome: 'answer' }),
      '',
      JSON.stringify(kakaoPayload('환불')),
    ].join('\n');
    const { requests, skipped } = requestsFromLog(log);
    expect(requests.map((r) => r.line)).toEqual([1, 5]);
    expect(requests[1]!.request).toEqual(kakaoPayload('환불'));
    expect(skipped).toEqual([
      { line: 2, reason: 'not a JSON line' },
      { line: 3, reason: 'no request body with userRequest in it' },
    ]);
  });

  it('replaces real user keys and the one-time callbackUrl with made-up values', () => {
    const logged = kakaoPayload('월렛 삭제') as { userRequest: Record<string, unknown> };
    logged.userRequest['callbackUrl'] = 'https://bot-api.kakao.com/real-one-time-token';
    (logged.userRequest['user'] as { properties: Record<string, unknown> }).properties['app_user_id'] = '12345';
    const { request, replaced } = anonymizeRequest(logged);
    expect(replaced).toEqual([
      'userRequest.user.id',
      'userRequest.user.properties.plusfriendUserKey',
      'userRequest.user.properties.app_user_id',
      'userRequest.callbackUrl',
    ]);
    const parsed = toSkillRequest(SkillPayloadSchema.parse(request));
    expect(parsed.userId).not.toBe('8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99');
    expect(parsed.callbackUrl).not.toContain('real-one-time-token');
    expect(parsed.utterance).toBe('월렛 삭제');
    // The logged object itself is left alone.
    expect(logged.userRequest['callbackUrl']).toBe('https://bot-api.kakao.com/real-one-time-token');
  });
});
