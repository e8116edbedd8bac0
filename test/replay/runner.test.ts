import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadFixture } from '../../src/cli/replay/fixture';
import { formatFailure, jsonReport, textReport } from '../../src/cli/replay/report';
import { exitCodeFor, requestIdFor, runReplay } from '../../src/cli/replay/runner';
import type { Delivery, SendOptions, Transport } from '../../src/cli/replay/transport';
import { kakaoPayload } from '../harness';
import { answerBody } from './answer-body';

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
