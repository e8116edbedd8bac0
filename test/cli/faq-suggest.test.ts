import { access, copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_ALTERNATES_PER_ENTRY } from '../../src/cli/faq/suggest/apply-suggestions';
import { loadFaqFile } from '../../src/faq/load-faq';
import { FAQ_FILE, startModelServer } from '../harness';
import { faq } from './run-faq-cli';

const MIN = 60_000;
const START = Date.parse('2026-11-20T10:00:00Z');
let clock = START;

/** A "skill call" line as src/http/skill-call-log.ts writes it, one minute after the previous one. */
function call(fields: Record<string, unknown>, at = (clock += MIN)): string {
  return JSON.stringify({ level: 30, time: at, msg: 'skill call', skill: 'faq', status: 'ok', input: 'text', faqSet: 'default', faqVersion: 'v1', ms: 2, ...fields });
}
const typed = (userKeyHash: string, utterance: string, outcome: string, faqId?: string) => call({ userKeyHash, utterance, outcome, ...(faqId ? { faqId } : {}) });
/** A tap on a card or list item: `asked` is logged for taps under "which one?" since the field exists. */
const tap = (userKeyHash: string, faqId: string, asked?: string) =>
  call({ userKeyHash, input: 'button', utterance: '(the question)', outcome: 'answer', faqId, ...(asked ? { asked } : {}) });
const rating = (userKeyHash: string, faqId: string, at: number, value: 'up' | 'down' = 'up') =>
  JSON.stringify({ at: new Date(at).toISOString(), rating: value, source: 'chat', faqId, faqVersion: 'v1', question: 'q', userKeyHash });

const CASH = 'faq-362fa90ecbe4'; // 캐시현황 합계와 총캐시 잔액이 맞지 않는 것 같습니다.
const CANCEL = 'faq-598fc821393a'; // 예약취소는 어떤 상태인가요?

const LOG: string[] = [
  'npm banner, not a record',
  // A picks under "which one?"; B asks the same, types something else, then taps the older card (joined by `asked`)
  typed('A', '캐시 잔액이 이상해요', 'clarify'),
  tap('A', CASH, '캐시 잔액이 이상해요'),
  typed('B', '캐시 잔액이  이상해요!!', 'clarify'),
  typed('B', 'ㅁㄴㅇㄹ', 'fallback'),
  tap('B', CASH, '캐시 잔액이  이상해요!!'),
  // older logs without `asked`: the pick is joined to the same user's clarify just before it
  typed('F', '예약 취소하면 어떻게 돼요', 'clarify'),
  tap('F', CANCEL),
  typed('G', '예약 취소하면 어떻게 돼요', 'clarify'),
  tap('G', CANCEL, '예약 취소하면 어떻게 돼요'),
  // users disagree about one wording: a conflict, not a suggestion
  typed('C', '포인트 뭐예요', 'clarify'),
  tap('C', 'faq-bdf0864d37b7', '포인트 뭐예요'),
  typed('D', '포인트 뭐예요?', 'clarify'),
  tap('D', 'faq-d29db7dc3d46', '포인트 뭐예요?'),
  // the entry's own question, small talk, a single pick, an entry no longer in the FAQ
  tap('E', 'faq-37381b0fe8a7', '환불 적립금이 뭔가요'),
  tap('E', 'faq-37381b0fe8a7', '환불적립금이 뭔가요?'),
  tap('H', CASH, '안녕하세요'),
  tap('I', CASH, '안녕하세요~'),
  tap('J', 'faq-e5cfe08d55b7', '환불 언제 들어와요'),
  tap('K', 'faq-gone', '없어진 질문'),
  // typed questions the matcher answers, rated 👍: nothing to learn
  typed('L', '월렛 권한', 'answer', 'faq-fb8cb260a494'),
  typed('M', '월렛 권한', 'answer', 'faq-fb8cb260a494'),
  // a tap on a related question carries no typed words: its 👍 is no evidence
  tap('N', CANCEL),
];
const lastCall = clock;

const FEEDBACK = [
  rating('B', CASH, lastCall + MIN), // joined to B's pick
  rating('B', CASH, lastCall + 2 * MIN), // one rating per answer
  rating('A', CASH, lastCall + 40 * MIN, 'down'),
  rating('L', 'faq-fb8cb260a494', lastCall + MIN),
  rating('M', 'faq-fb8cb260a494', lastCall + MIN),
  rating('N', CANCEL, lastCall + MIN),
  rating('F', CANCEL, lastCall + 60 * MIN), // too long after F's answer
];

/** The command reads the server's configuration from the environment; each test says which it runs with. */
const SEMANTIC_ENV = ['SEMANTIC', 'EMBEDDINGS_URL', 'EMBEDDINGS_CACHE_DIR'] as const;
const savedEnv = Object.fromEntries(SEMANTIC_ENV.map((key) => [key, process.env[key]]));
function setEnv(values: Partial<Record<(typeof SEMANTIC_ENV)[number], string>>) {
  for (const key of SEMANTIC_ENV) {
    const value = key in values ? values[key] : savedEnv[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

let dir: string;
let logFile: string;
let feedbackFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'faq-suggest-'));
  logFile = path.join(dir, 'app.log');
  feedbackFile = path.join(dir, 'feedback.jsonl');
  await writeFile(logFile, LOG.join('\n'));
  await writeFile(feedbackFile, FEEDBACK.join('\n'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
// lexical unless a test starts the model server: these tests must not depend on one being installed
beforeEach(() => setEnv({ SEMANTIC: 'off' }));
afterAll(() => setEnv({}));

async function suggest(...extra: string[]) {
  const out = path.join(dir, 'suggestions.json');
  const result = await faq(['suggest', '--log', logFile, '--out', out, ...extra], { feedbackFile });
  return { ...result, file: JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown> & { suggestions: Record<string, unknown>[] } };
}

describe('faq suggest', () => {
  it('suggests what users picked under "which one?" or rated 👍, grouped as the matcher sees it, all unaccepted', async () => {
    const { code, file } = await suggest();
    expect(code).toBe(0);
    expect(file.suggestions).toEqual([
      {
        utterance: '캐시 잔액이 이상해요',
        faqId: CASH,
        question: '캐시현황 합계와 총캐시 잔액이 맞지 않는 것 같습니다.',
        count: 3,
        users: 2,
        evidence: { clarifyPicks: 2, thumbsUp: 1 },
        examples: ['캐시 잔액이 이상해요', '캐시 잔액이  이상해요!!'],
        accept: false,
      },
      expect.objectContaining({ utterance: '예약 취소하면 어떻게 돼요', faqId: CANCEL, count: 2, users: 2, evidence: { clarifyPicks: 2, thumbsUp: 0 } }),
    ]);
  });

  it('lists a wording tied to different entries as a conflict and counts what it left out', async () => {
    const { file, out } = await suggest();
    expect(file.conflicts).toEqual([
      {
        utterance: '포인트 뭐예요',
        entries: [
          { faqId: 'faq-bdf0864d37b7', question: '포인트 등록은 어떻게 하나요?', count: 1 },
          { faqId: 'faq-d29db7dc3d46', question: '채널추가 포인트는 무엇인가요?', count: 1 },
        ],
        examples: ['포인트 뭐예요', '포인트 뭐예요?'],
      },
    ]);
    expect(file.skipped).toEqual({ alreadyAnswered: 1, sameAsQuestion: 1, smallTalk: 1, belowMinCount: 1, unknownEntry: 1 });
    expect(out).toContain('2 suggestion(s), 1 conflict(s)');
  });

  it('without an embeddings service decides "already answered" lexically, and says so on stderr', async () => {
    const { code, err } = await suggest();
    expect(code).toBe(0);
    expect(err).toContain('note: "already answered" is decided lexically (semantic stage unavailable: ');
  });

  it('leaves out wordings the semantic stage already answers with the entry users picked, as the server does', async () => {
    const server = await startModelServer();
    try {
      setEnv({ EMBEDDINGS_URL: server.url, EMBEDDINGS_CACHE_DIR: path.join(dir, 'embeddings') });
      // both wordings get "which one?" from the lexical matcher alone (the test above suggests them), and the
      // right entry's answer once the semantic stage is fused in
      const { code, file, err } = await suggest();
      expect(code).toBe(0);
      expect(file.suggestions).toEqual([]);
      expect(file.skipped).toEqual({ alreadyAnswered: 3, sameAsQuestion: 1, smallTalk: 1, belowMinCount: 1, unknownEntry: 1 });
      expect(err).not.toContain('decided lexically');
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('--min-count 1 keeps single picks; --since leaves older traffic out', async () => {
    expect((await suggest('--min-count', '1')).file.suggestions.map((s) => s.utterance)).toContain('환불 언제 들어와요');
    expect((await suggest('--since', new Date(lastCall + MIN).toISOString())).file.suggestions).toEqual([]);
  });

  it('exits 2 for a bad --min-count or a missing log file', async () => {
    expect((await faq(['suggest', '--log', logFile, '--min-count', '0'])).code).toBe(2);
    const missing = await faq(['suggest', '--log', path.join(dir, 'nope.log')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no such file');
  });
});

describe('faq apply', () => {
  let faqFile: string;
  beforeEach(async () => {
    faqFile = path.join(dir, 'faq.json');
    await copyFile(FAQ_FILE, faqFile);
  });
  const entryOf = async (id: string) => (await loadFaqFile(faqFile)).entries.find((e) => e.id === id)!;
  const question = async (id: string) => (await entryOf(id)).question;
  async function applyFile(suggestions: object[]) {
    const file = path.join(dir, 'reviewed.json');
    await writeFile(file, JSON.stringify({ suggestions }));
    return faq(['apply', file, '--faq', faqFile]);
  }

  it('adds only accepted suggestions, once per entry as the matcher sees them, and writes the file atomically', async () => {
    const cashQuestion = await question(CASH);
    const result = await applyFile([
      { utterance: '캐시 잔액이 이상해요', faqId: CASH, question: cashQuestion, accept: true },
      { utterance: '캐시잔액이 이상해요??', faqId: CASH, question: cashQuestion, accept: true },
      { utterance: '총캐시 틀림', faqId: CASH, question: cashQuestion, accept: false },
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`added to ${CASH}: "캐시 잔액이 이상해요"`);
    expect(result.out).toContain(`not added to ${CASH}: "캐시잔액이 이상해요??" (already the question or an alternate)`);
    expect((await entryOf(CASH)).alternateQuestions).toEqual(['캐시 잔액이 이상해요']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it(`stops at ${MAX_ALTERNATES_PER_ENTRY} alternates per entry`, async () => {
    const cashQuestion = await question(CASH);
    const many = Array.from({ length: MAX_ALTERNATES_PER_ENTRY + 2 }, (_, i) => ({ utterance: `캐시 잔액 질문 ${i}번`, faqId: CASH, question: cashQuestion, accept: true }));
    const result = await applyFile(many);
    expect(result.code).toBe(0);
    expect((await entryOf(CASH)).alternateQuestions).toHaveLength(MAX_ALTERNATES_PER_ENTRY);
    expect(result.out).toContain(`(the entry already has ${MAX_ALTERNATES_PER_ENTRY} alternates)`);
  });

  it('exits 1 and writes nothing for an unknown id, a stale question or an utterance longer than a question may be', async () => {
    const before = await readFile(faqFile, 'utf8');
    const cashQuestion = await question(CASH);
    const result = await applyFile([
      { utterance: '좋은 제안', faqId: CASH, question: cashQuestion, accept: true },
      { utterance: '사라진 항목', faqId: 'faq-gone', question: '?', accept: true },
      { utterance: '바뀐 질문', faqId: CANCEL, question: '예전 질문', accept: true },
      { utterance: '가'.repeat(301), faqId: CASH, question: cashQuestion, accept: true },
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('suggestions[1] ("사라진 항목"): no entry has the id "faq-gone"');
    expect(result.err).toContain(`suggestions[2] ("바뀐 질문"): stale: entry ${CANCEL}'s question is now "예약취소는 어떤 상태인가요?", not "예전 질문"; run suggest again`);
    expect(result.err).toContain('longer than 300 characters');
    expect(result.err).toContain('not written: 3 accepted suggestion(s)');
    expect(await readFile(faqFile, 'utf8')).toBe(before);
  });

  it('exits 1 for a file that is not a suggestions file', async () => {
    const file = path.join(dir, 'not-suggestions.json');
    await writeFile(file, JSON.stringify({ entries: [] }));
    const result = await faq(['apply', file, '--faq', faqFile]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('not a suggestions file: suggestions:');
    await expect(access(faqFile)).resolves.toBeUndefined();
  });
});
