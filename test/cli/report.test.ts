import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { buildReport, parseSince } from '../../src/cli/report/build-report';
import { displayWidth, fit, formatReport, reportCsv, table } from '../../src/cli/report/format-report';
import { parseFeedback, parseSkillCalls } from '../../src/cli/report/read-events';
import { createFeedbackRecorder } from '../../src/feedback/feedback';
import { createJsonlFeedbackStore } from '../../src/feedback/jsonl-feedback-store';
import { parseCsvText } from '../../src/faq-admin/formats/csv-format';
import { FAQ_FILE, ROOT, TEST_USER_KEY_SALT } from '../harness';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;
let clock = NOW - 60 * MIN;

/** A "skill call" line as src/http/skill-call-log.ts writes it (pino adds level, time, service, reqId). */
function call(fields: Record<string, unknown>, at = (clock += MIN)): string {
  return JSON.stringify({ level: 30, time: at, service: 'kakao-faq-skill', reqId: `r${at}`, msg: 'skill call', skill: 'faq', status: 'ok', input: 'text', faqSet: 'default', faqVersion: 'abc123abc123', ms: 2.5, ...fields });
}

const LOG = [
  // what `npm start > app.log` captures before the server's first line: not records, not malformed
  '',
  '> kakao-faq-skill@0.1.0 start',
  '> node dist/src/main.js',
  '',
  'npm warn this is not json',
  '{"level":30,"time":', // a record cut off mid-line: malformed
  JSON.stringify({ level: 30, time: NOW - 90 * MIN, msg: 'listening', port: 8080 }),
  call({ outcome: 'fallback', utterance: '환불 받고 싶어요', userKeyHash: 'A' }),
  call({ outcome: 'fallback', utterance: '환불 받고 싶어요!!', userKeyHash: 'B' }),
  call({ outcome: 'fallback', utterance: '환불 받고 싶어요', userKeyHash: 'A' }),
  call({ outcome: 'fallback', utterance: '오늘 날씨 어때', userKeyHash: 'E' }),
  call({ outcome: 'clarify', utterance: '비밀번호 변경', userKeyHash: 'C', confidence: 0.6 }),
  call({ outcome: 'answer', input: 'button', faqId: 'faq-2', utterance: '이 질문 보기', userKeyHash: 'C', confidence: 1 }),
  call({ outcome: 'clarify', utterance: '비밀번호  변경?', userKeyHash: 'D', confidence: 0.55 }),
  call({ outcome: 'answer', faqId: 'faq-1', utterance: '환불 계좌 등록', userKeyHash: 'A', confidence: 0.9 }),
  call({ outcome: 'answer', faqId: 'faq-1', utterance: '환불계좌 등록', userKeyHash: 'B', confidence: 0.88 }),
  call({ outcome: 'answer', faqId: 'faq-1', utterance: '환불 계좌 어떻게 등록해요', userKeyHash: 'F', confidence: 0.8 }),
  call({ outcome: 'rate_limited', status: 'rate_limited', utterance: '환불', userKeyHash: 'Z' }),
  call({ outcome: 'error', status: 'error', utterance: '결제 취소', userKeyHash: 'G' }),
  call({ outcome: 'browse', input: 'button', utterance: '카카오톡', userKeyHash: 'G' }),
  JSON.stringify({ msg: 'skill call', outcome: 'answer' }), // no time: malformed
  call({ outcome: 'fallback', utterance: '아주 오래된 질문', userKeyHash: 'OLD' }, NOW - 30 * 24 * 60 * MIN),
];

const FEEDBACK = [
  JSON.stringify({ faqId: 'faq-1', faqVersion: 'abc123abc123', userKeyHash: 'A', vote: 'up', at: new Date(NOW - 5 * MIN).toISOString() }),
  JSON.stringify({ faqId: 'faq-1', faqVersion: 'abc123abc123', userKeyHash: 'B', vote: 'up', at: new Date(NOW - 4 * MIN).toISOString() }),
  JSON.stringify({ faqId: 'faq-1', faqVersion: 'abc123abc123', userKeyHash: 'F', vote: 'down', at: new Date(NOW - 3 * MIN).toISOString() }),
  JSON.stringify({ faqId: 'faq-3', faqVersion: 'abc123abc123', userKeyHash: 'H', vote: 'down', at: new Date(NOW - 2 * MIN).toISOString() }),
  '{"faqId": "faq-1", "vote": "meh"}',
];

async function report(range: '7d' | 'all time' = '7d') {
  const calls = await parseSkillCalls(LOG);
  const feedback = await parseFeedback(FEEDBACK);
  const since = range === '7d' ? parseSince('7d', NOW)! : -Infinity;
  return { calls, feedback, report: buildReport(calls.items, feedback.items, { since, top: 10 }) };
}

describe('reading logs and feedback', () => {
  it('keeps skill-call lines, ignores other messages and counts malformed lines', async () => {
    const { calls, feedback } = await report();
    expect(calls.items).toHaveLength(14);
    expect(calls.skipped).toBe(2); // the cut-off record and the line without a time; npm's banner is not counted
    expect(feedback.items).toHaveLength(4);
    expect(feedback.skipped).toBe(1);
  });
});

describe('reading what the server really writes', () => {
  it('counts the ratings the feedback log holds (`rating`, nulls for the page), and still reads the old `vote` lines', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-feedback-'));
    const file = path.join(dir, 'feedback.jsonl');
    const recorder = createFeedbackRecorder({ store: createJsonlFeedbackStore(file), salt: TEST_USER_KEY_SALT, now: () => new Date(NOW - 5 * MIN) });
    await recorder.record({ rating: 'up', source: 'chat', faqId: 'faq-1', faqVersion: 'abc123abc123', question: '환불 계좌', userKey: 'user-a' });
    await recorder.record({ rating: 'down', source: 'page', faqId: 'faq-1', faqVersion: null, question: '환불 계좌' });
    const lines = [...readFileSync(file, 'utf8').trim().split('\n'), FEEDBACK[0]!];
    const read = await parseFeedback(lines);
    expect(read.skipped).toBe(0);
    expect(buildReport([], read.items).feedback).toEqual({ up: 2, down: 1 });
  });

  it('groups questions that differ only in spacing and repeated marks, as the matcher does', async () => {
    const lines = [
      call({ outcome: 'fallback', utterance: '생일 케이크 예약돼요?', userKeyHash: 'A' }),
      call({ outcome: 'fallback', utterance: '생일케이크 예약 돼요??', userKeyHash: 'B' }),
      call({ outcome: 'fallback', utterance: '생일 케이크 예약돼요?', userKeyHash: 'C' }),
    ];
    const r = buildReport((await parseSkillCalls(lines)).items, []);
    expect(r.unanswered).toEqual([expect.objectContaining({ count: 3, users: 3, example: '생일 케이크 예약돼요?', normalized: '생일 케이크 예약돼요' })]);
  });
});

describe('buildReport', () => {
  it('computes answer, clarify and fallback rates over typed questions only', async () => {
    const { report: r } = await report();
    expect(r).toMatchObject({ calls: 13, questions: 10, answered: 3, clarified: 2, fellBack: 4, failed: 1, rateLimited: 1, users: 8 });
    expect(r.answerRate).toBeCloseTo(0.3);
    expect(r.clarifyRate).toBeCloseTo(0.2);
    expect(r.fallbackRate).toBeCloseTo(0.4);
  });

  it('groups unanswered questions by normalised form, with counts, distinct users and the commonest text', async () => {
    const { report: r } = await report();
    expect(r.unanswered[0]).toMatchObject({ normalized: '환불 받고 싶어요', count: 3, users: 2, example: '환불 받고 싶어요' });
    expect(r.unanswered[1]).toMatchObject({ count: 1, example: '오늘 날씨 어때' });
    expect(r.unanswered.map((g) => g.example)).not.toContain('아주 오래된 질문');
  });

  it('groups clarify-heavy questions and records what users picked next', async () => {
    const { report: r } = await report();
    expect(r.clarifyHeavy).toHaveLength(1);
    expect(r.clarifyHeavy[0]).toMatchObject({ normalized: '비밀번호 변경', count: 2, users: 2, picked: { faqId: 'faq-2', count: 1 } });
    expect(r.clarifyResolvedRate).toBeCloseTo(0.5);
  });

  it('lists per-FAQ answers (typed and via buttons) with feedback, including entries only voted on', async () => {
    const { report: r } = await report();
    expect(r.faqs).toEqual([
      { faqId: 'faq-1', answered: 3, viaButton: 0, up: 2, down: 1 },
      { faqId: 'faq-2', answered: 1, viaButton: 1, up: 0, down: 0 },
      { faqId: 'faq-3', answered: 0, viaButton: 0, up: 0, down: 1 },
    ]);
    expect(r.feedback).toEqual({ up: 2, down: 2 });
  });

  it('includes old lines when there is no --since', async () => {
    const { report: r } = await report('all time');
    expect(r.unanswered.map((g) => g.example)).toContain('아주 오래된 질문');
  });

  it('says so when utterances were not logged instead of inventing groups', async () => {
    const lines = LOG.map((l) => l.replace(/,"utterance":"[^"]*"/, ''));
    const r = buildReport((await parseSkillCalls(lines)).items, []);
    expect(r.utterancesLogged).toBe(false);
    expect(r.unanswered[0]).toMatchObject({ normalized: '(utterance not logged)', count: 5 });
    expect(formatReport(r)).toContain('LOG_UTTERANCES=false');
  });
});

describe('parseSince', () => {
  it('reads relative durations and dates, and rejects anything else', () => {
    expect(parseSince('7d', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseSince('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseSince('2w', NOW)).toBe(NOW - 14 * 86_400_000);
    expect(parseSince('2026-11-01', NOW)).toBe(Date.parse('2026-11-01'));
    expect(parseSince(undefined, NOW)).toBeUndefined();
    expect(() => parseSince('last week', NOW)).toThrow(/--since/);
  });
});

describe('formatting', () => {
  it('counts Hangul as two columns, so Korean tables line up', () => {
    expect(displayWidth('환불 abc')).toBe(8);
    expect(fit('환불 계좌를 등록하고 싶어요', 10)).toBe('환불 계좌…');
    const lines = table(['질문', 'n'], [['환불', '12'], ['ab', '3']]).split('\n');
    expect(new Set(lines.map(displayWidth))).toEqual(new Set([8]));
    expect(lines[2]).toBe('환불  12');
    expect(lines[3]).toBe('ab     3');
  });

  it('prints readable tables with the rates, both utterance tables and FAQ questions by id', async () => {
    const { report: r } = await report();
    const text = formatReport(r, { questionOf: (id) => (id === 'faq-2' ? '비밀번호는 어떻게 바꾸나요?' : undefined) });
    expect(text).toContain('Top unanswered questions');
    expect(text).toContain('Top clarify-heavy questions');
    expect(text).toMatch(/3 \(30\.0%\)/);
    expect(text).toContain('비밀번호는 어떻게 바꾸나요? ×1');
  });

  it('writes the grouped rows and FAQ rows as CSV', async () => {
    const { report: r } = await report();
    const rows = parse(reportCsv(r), { columns: true }) as Record<string, string>[];
    expect(rows.filter((row) => row.kind === 'unanswered')).toHaveLength(2);
    expect(rows.find((row) => row.kind === 'clarify')).toMatchObject({ normalized: '비밀번호 변경', count: '2', pickedFaqId: 'faq-2' });
    expect(rows.find((row) => row.kind === 'faq' && row.faqId === 'faq-1')).toMatchObject({ answered: '3', up: '2', down: '1' });
  });
});

describe('npm run report (CLI)', () => {
  it('reads log files and feedback, prints the report and writes the CSV', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-'));
    writeFileSync(path.join(dir, 'app.log'), `${LOG.join('\n')}\n`);
    writeFileSync(path.join(dir, 'feedback.jsonl'), `${FEEDBACK.join('\n')}\n`);
    const csv = path.join(dir, 'out.csv');
    const stdout = execFileSync(
      process.execPath,
      ['bin/kakao-faq.cjs', 'report', '--log', path.join(dir, 'app.log'), '--feedback', path.join(dir, 'feedback.jsonl'), '--csv', csv],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(stdout).toContain('환불 받고 싶어요');
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^kind,normalized,count/);
  });

  it('names entries from every configured FAQ set (FAQ_SETS_FILE), or the one --set names', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-sets-'));
    writeFileSync(path.join(dir, 'app.log'), `${LOG.join('\n')}\n`);
    writeFileSync(path.join(dir, 'feedback.jsonl'), `${FEEDBACK.join('\n')}\n`);
    writeFileSync(path.join(dir, 'shop.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 'faq-3', categories: ['쇼핑'], question: '배송은 얼마나 걸리나요?', answer: '2일' }] }));
    writeFileSync(path.join(dir, 'sets.json'), JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: FAQ_FILE }, shop: { faqFile: 'shop.json', botIds: ['bot-shop'] } } }));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/kakao-faq.cjs', 'report', '--log', path.join(dir, 'app.log'), '--feedback', path.join(dir, 'feedback.jsonl'), ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, FAQ_SETS_FILE: path.join(dir, 'sets.json') },
      });
    const all = run();
    expect(all.status).toBe(0);
    expect(all.stdout).toContain('배송은 얼마나 걸리나요?');
    expect(run('--set', 'main').stdout).not.toContain('배송은 얼마나 걸리나요?');
    const unknown = run('--set', 'nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown set "nope"; the configured sets are: main, shop');
  });

  it('--candidates writes the unanswered questions, alike wordings joined, as import rows for new entries', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-candidates-'));
    const log = [
      ...LOG,
      call({ outcome: 'fallback', utterance: '택배 송장 번호 변경하고 싶어요', userKeyHash: 'P' }),
      call({ outcome: 'fallback', utterance: '택배 송장 번호 변경하고 싶어요', userKeyHash: 'Q' }),
      call({ outcome: 'fallback', utterance: '택배송장번호 변경은 어떻게 해요', userKeyHash: 'R' }),
    ];
    writeFileSync(path.join(dir, 'app.log'), `${log.join('\n')}\n`);
    const csv = path.join(dir, 'candidates.csv');
    execFileSync(process.execPath, ['bin/kakao-faq.cjs', 'report', '--log', path.join(dir, 'app.log'), '--candidates', csv], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const rows = parse(readFileSync(csv, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['질문'], r['유사질문'], r['답변']])).toEqual([
      ['택배 송장 번호 변경하고 싶어요', '택배송장번호 변경은 어떻게 해요', ''],
      ['환불 받고 싶어요', '', ''],
      ['아주 오래된 질문', '', ''],
      ['오늘 날씨 어때', '', ''],
    ]);
    // an operator writes the answers; then the rows import as entries with their alternates
    const filled = stringify([Object.keys(rows[0]!), ...rows.map((r) => Object.values({ ...r, 답변: `${r['질문']}: 답변` }))]);
    const imported = parseCsvText(filled, 'candidates.csv');
    expect(imported.problems).toEqual([]);
    expect(imported.entries[0]).toMatchObject({ question: '택배 송장 번호 변경하고 싶어요', alternateQuestions: ['택배송장번호 변경은 어떻게 해요'], categories: ['기타'] });
  });

  it('reads only the FAQ keys of the configuration: an unrelated invalid server key does not stop it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-config-'));
    writeFileSync(path.join(dir, 'shop.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 'faq-3', categories: ['쇼핑'], question: '배송은 얼마나 걸리나요?', answer: '2일' }] }));
    writeFileSync(path.join(dir, 'feedback.jsonl'), `${FEEDBACK.join('\n')}\n`);
    // the server refuses to start this way (metrics beyond loopback without METRICS_TOKEN); the report has no metrics
    const env = { ...process.env, METRICS_HOST: '0.0.0.0', METRICS_PORT: '9464', METRICS_TOKEN: '', FAQ_FILE: path.join(dir, 'shop.json') };
    const run = spawnSync(process.execPath, ['bin/kakao-faq.cjs', 'report', '--feedback', path.join(dir, 'feedback.jsonl')], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      input: LOG.join('\n'),
    });
    expect(run.stderr).not.toContain('METRICS_TOKEN');
    expect(run.status).toBe(0);
    // FAQ_FILE is still followed
    expect(run.stdout).toContain('배송은 얼마나 걸리나요?');
  });

  it('reads the log from stdin', () => {
    const stdout = execFileSync(process.execPath, ['bin/kakao-faq.cjs', 'report', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: LOG.join('\n'),
    });
    expect(JSON.parse(stdout)).toMatchObject({ calls: 14, fellBack: 5 });
  });
});
