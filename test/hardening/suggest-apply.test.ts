import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FAQ_FILE, kakaoPayload, type LogLine, postJson, ROOT, type ServerProcess, spawnServer } from '../harness';

/**
 * Learning from traffic end to end (issue 13 §5), every part real: the server as a child process on a temp
 * copy of the FAQ and a temp feedback file, users who type, get "which one?", tap a candidate and rate the
 * answer, then `npm run faq -- suggest` on the server's captured stdout and its feedback file, a reviewer's
 * accept, `npm run faq -- apply`, and a reload by SIGHUP.
 */

jest.setTimeout(60_000);

const run = promisify(execFile);
const user = (n: number) => n.toString(16).repeat(64).slice(0, 64);

/** Typed wordings that get "which one?" on the bundled FAQ, and the entries they mean. */
const CASH = { utterance: '캐시 잔액이 이상해요', faqId: 'faq-362fa90ecbe4' };
const CANCEL = { utterance: '예약 취소하면 어떻게 돼요', faqId: 'faq-598fc821393a' };

let dir: string;
let faqFile: string;
let feedbackFile: string;
let server: ServerProcess;
let skillUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'suggest-apply-'));
  faqFile = path.join(dir, 'faq.json');
  feedbackFile = path.join(dir, 'feedback.jsonl');
  await copyFile(FAQ_FILE, faqFile);
  server = spawnServer({ FAQ_FILE: faqFile, FEEDBACK_FILE: feedbackFile, USER_RATE_LIMIT: '0' });
  skillUrl = `http://127.0.0.1:${await server.port()}/skill/faq`;
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Reply {
  template: { outputs: { carousel?: { items: { buttons: { messageText: string; extra: Record<string, unknown> }[] }[] } }[]; quickReplies?: { messageText: string; extra?: Record<string, unknown> }[] };
  data: { outcome: string; faqId?: string; recorded?: boolean };
}

async function say(utterance: string, userId: string, clientExtra?: Record<string, unknown>): Promise<Reply> {
  const res = await postJson(skillUrl, kakaoPayload(utterance, { userId, ...(clientExtra ? { clientExtra } : {}) }));
  expect(res.status).toBe(200);
  return res.body as Reply;
}

/** Types `utterance`, expects "which one?", and taps the card of `faqId` (the button's own text and extra). */
async function askAndPick(utterance: string, faqId: string, userId: string): Promise<Reply> {
  const clarify = await say(utterance, userId);
  expect(clarify.data.outcome).toBe('clarify');
  const cards = clarify.template.outputs.flatMap((o) => o.carousel?.items ?? []);
  const pick = cards.map((c) => c.buttons[0]!).find((b) => b.extra.faqId === faqId);
  expect(pick).toBeDefined();
  const answer = await say(pick!.messageText, userId, pick!.extra);
  expect(answer.data).toMatchObject({ outcome: 'answer', faqId });
  return answer;
}

/** `npm run faq -- …` as an operator runs it, configured through the environment like the server. */
async function faqCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // the server under test matches lexically (spawnServer's default), so suggest must judge as it does
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FAQ_FILE: faqFile, FEEDBACK_FILE: feedbackFile, SEMANTIC: 'off' };
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/kakao-faq.cjs', 'faq', ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function reload(): Promise<void> {
  const before = server.lines.length;
  server.child.kill('SIGHUP');
  const reloaded = await server.waitForLine((l) => server.lines.indexOf(l) >= before && /^FAQ (set reloaded|reload)/.test(l.msg));
  expect(reloaded.msg).toBe('FAQ set reloaded');
}

/** Waits until the server has logged `count` skill calls (lines are written in the background), then saves its stdout. */
async function captureLog(count: number): Promise<string> {
  const calls = () => server.lines.filter((l: LogLine) => l.msg === 'skill call').length;
  await server.waitForLine(() => calls() >= count);
  const file = path.join(dir, 'server.log');
  await writeFile(file, server.lines.map((l) => JSON.stringify(l)).join('\n'));
  return file;
}

interface SuggestionsJson {
  suggestions: { utterance: string; faqId: string; question: string; count: number; users: number; evidence: object; accept: boolean }[];
  conflicts: unknown[];
}

it('picks under "which one?" and a 👍 become alternates that, once applied and reloaded, answer directly', async () => {
  await askAndPick(CASH.utterance, CASH.faqId, user(1));
  await askAndPick(CASH.utterance, CASH.faqId, user(2));
  const answer = await askAndPick(CANCEL.utterance, CANCEL.faqId, user(3));
  const up = answer.template.quickReplies!.find((q) => q.extra?.feedback === 'up')!;
  expect((await say(up.messageText, user(3), up.extra)).data).toMatchObject({ outcome: 'feedback', recorded: true });
  const log = await captureLog(7);

  const suggestionsFile = path.join(dir, 'suggestions.json');
  const suggest = await faqCli(['suggest', '--log', log, '--out', suggestionsFile]);
  expect(suggest).toMatchObject({ code: 0 });
  expect(suggest.stdout).toContain('2 suggestion(s), 0 conflict(s)');
  const file = JSON.parse(await readFile(suggestionsFile, 'utf8')) as SuggestionsJson;
  expect(file.suggestions).toEqual([
    expect.objectContaining({ ...CASH, count: 2, users: 2, evidence: { clarifyPicks: 2, thumbsUp: 0 }, accept: false }),
    expect.objectContaining({ ...CANCEL, count: 2, users: 1, evidence: { clarifyPicks: 1, thumbsUp: 1 }, accept: false }),
  ]);

  // nothing is applied until a reviewer accepts
  expect((await faqCli(['apply', suggestionsFile])).stdout).toContain('nothing accepted');
  await writeFile(suggestionsFile, JSON.stringify({ ...file, suggestions: file.suggestions.map((s) => ({ ...s, accept: true })) }));
  const apply = await faqCli(['apply', suggestionsFile]);
  expect(apply).toMatchObject({ code: 0 });
  expect(apply.stdout).toContain(`added to ${CASH.faqId}: "${CASH.utterance}"`);
  expect(apply.stdout).toContain(`added to ${CANCEL.faqId}: "${CANCEL.utterance}"`);

  await reload();
  expect((await say(CASH.utterance, user(4))).data).toMatchObject({ outcome: 'answer', faqId: CASH.faqId });
  expect((await say(CANCEL.utterance, user(4))).data).toMatchObject({ outcome: 'answer', faqId: CANCEL.faqId });

  // a second apply of the same file adds nothing: the alternates are there
  const again = await faqCli(['apply', suggestionsFile]);
  expect(again.stdout).toContain('already the question or an alternate');
});

/** Messages about other services and everyday things, written from general knowledge; no entry answers them. */
const OUT_OF_DOMAIN = [
  '택시 예약 취소', '비밀번호 변경', '알림 설정', '배달 주문 취소하고 싶어요', '카카오페이 송금 취소', '멜론 이용권 해지',
  '프로필 사진 바꾸는 법', '단톡방 나가는 방법', '친구 차단 해제', '카카오맵 길찾기', '오늘 날씨 어때요', '로또 번호 추천해줘',
  '카톡 대화 백업 방법', '기차표 예매', '영화 예매 취소', '폰 알림 소리 바꾸기', '택배 배송 조회', '휴대폰 번호 변경',
  '게임 아이템 환불', '다크모드 설정',
];

/** Accepted alternates of the kind users type: short, with the generic verbs (변경, 설정, 취소, 방법) of everyday chat. */
const BATCH: readonly [faqId: string, utterance: string][] = [
  ['faq-8a668dccdb74', '취소 사유 설정 어디서 해요'], ['faq-d666309f8e24', '스킬 알림 받는 법'], ['faq-02c138773020', '알림 시간 바꿀 수 있어요?'],
  ['faq-9069068535f4', '채널 아이디 바꾸고 싶어요'], ['faq-bea701cd612a', '사업자 정보 변경하려면'], ['faq-797c6f2465b4', '반품 택배사 변경'],
  ['faq-6555fb94dd1b', '영수증 어디서 봐요'], ['faq-ccab68fffd78', '월렛 삭제 방법'], ['faq-e5cfe08d55b7', '입금한 돈 환불 받고 싶어요'],
  ['faq-31de53d076c9', '봇 몇 개까지 만들어요'], ['faq-a6fc7c3a36d9', '채널 바꾸는 법'], ['faq-7359fb4d8613', '비즈샵 탈퇴하고 싶어요'],
  ['faq-f6fb364bc72d', '환불계좌 등록 방법'], ['faq-bdf0864d37b7', '포인트 등록 방법'],
];

it('a batch of accepted alternates costs no out-of-domain fallback', async () => {
  const outcomes = async () => {
    const replies = await Promise.all(OUT_OF_DOMAIN.map((text, i) => say(text, user(100 + i))));
    return replies.map((r) => `${r.data.outcome}${r.data.faqId ? ` ${r.data.faqId}` : ''}`);
  };
  const before = await outcomes();
  const { entries } = JSON.parse(await readFile(faqFile, 'utf8')) as { entries: { id: string; question: string }[] };
  const questionOf = (id: string) => entries.find((e) => e.id === id)!.question;
  const suggestionsFile = path.join(dir, 'batch.json');
  const suggestions = BATCH.map(([faqId, utterance]) => ({ utterance, faqId, question: questionOf(faqId), accept: true }));
  await writeFile(suggestionsFile, JSON.stringify({ suggestions }));
  expect(await faqCli(['apply', suggestionsFile])).toMatchObject({ code: 0 });
  await reload();
  const after = await outcomes();

  const fellBackBefore = OUT_OF_DOMAIN.filter((_, i) => before[i] === 'fallback');
  const lost = OUT_OF_DOMAIN.flatMap((text, i) => (before[i] === 'fallback' && after[i] !== 'fallback' ? [`${text}: fallback → ${after[i]}`] : []));
  const summary = `fallback ${fellBackBefore.length}/${OUT_OF_DOMAIN.length} before the batch, ${after.filter((o) => o === 'fallback').length}/${OUT_OF_DOMAIN.length} after`;
  // the summary rides along so that a failure shows the numbers
  expect([summary, ...lost]).toEqual([summary]);
});
