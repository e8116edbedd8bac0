import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateCorpus } from '../../src/cli/corpus';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { SkillResponseSchema } from '../../src/kakao';
import { kakaoPayload, startServer, type LogLine, type RunningServer } from '../harness';

/**
 * Reloads that never stall (issue 15): the real server on a 20,000-entry FAQ answers a steady stream of
 * skill calls while its FAQ file is rewritten and reloaded (SIGHUP) several times. Reading, validating and
 * indexing the new version happen off the event loop or in slices that give it back, so no call fails, every
 * reply is a valid SkillResponse, calls keep being answered (from the old version) while the new index is
 * built, and the new version serves once it is swapped in. Nothing here measures a duration: "kept
 * answering" is seen in the order of the server's own log lines.
 */

const ENTRIES = 20_000;
const RELOADS = 3;
const CLIENTS = 4;
const QUESTIONS = ['비밀번호를 바꾸고 싶어요', '환불 어떻게 해요', '배송 조회', '로그인이 안돼요', '안녕하세요', '결제 취소'];

let dir: string;
let server: RunningServer | undefined;
let corpus: ReturnType<typeof generateCorpus>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'reload-stall-'));
  corpus = generateCorpus({ size: ENTRIES, seed: 15 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Generation `g` of the FAQ: the corpus with entry 0's answer marked, so each generation is a new version. */
function generation(g: number): string {
  const entries = corpus.map((e, i) => (i === 0 ? { ...e, answer: `${e.answer} (버전 ${g})` } : e));
  return `${JSON.stringify(FaqFileSchema.parse({ schemaVersion: 1, entries }))}\n`;
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, 'utf8');
  await rename(`${file}.tmp`, file);
}

interface Outcome {
  status: number | 'network error';
  valid: boolean;
}

describe('reloading a 20,000-entry FAQ under a steady stream of skill calls', () => {
  it('fails no call, answers every call with a valid SkillResponse, keeps answering while it indexes, then serves the new version', async () => {
    const faqFile = path.join(dir, 'faq.json');
    await writeAtomically(faqFile, generation(0));
    server = await startServer({ FAQ_FILE: faqFile, USER_RATE_LIMIT: '0' }, { startTimeoutMs: 120_000 });
    const running = server;
    const outcomes: Outcome[] = [];
    let stop = false;
    const client = async (k: number) => {
      for (let n = 0; !stop; n++) {
        const utterance = `${QUESTIONS[(n + k) % QUESTIONS.length]} ${n % 7}`;
        try {
          const res = await fetch(`${running.baseUrl}/skill/faq`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(kakaoPayload(utterance, { userId: `reload-stall-${k}` })),
          });
          outcomes.push({ status: res.status, valid: SkillResponseSchema.safeParse(await res.json()).success });
        } catch {
          outcomes.push({ status: 'network error', valid: false });
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, k) => client(k));

    const versions: string[] = [];
    const answeredWhileIndexing: number[] = [];
    try {
      for (let g = 1; g <= RELOADS; g++) {
        await writeAtomically(faqFile, generation(g));
        const from = running.lines.length;
        const since = (line: LogLine) => running.lines.indexOf(line) >= from;
        running.child.kill('SIGHUP');
        const reloaded = await running.waitForLine((l) => since(l) && /^FAQ (set reloaded|reload rejected|reload refused)/.test(l.msg), 120_000);
        expect(reloaded.msg).toBe('FAQ set reloaded');
        const lines = running.lines.slice(from, running.lines.indexOf(reloaded));
        const indexing = lines.findIndex((l) => l.msg.startsWith('FAQ files read and valid'));
        expect(indexing).toBeGreaterThanOrEqual(0);
        // calls the server answered between "indexing" and the swap: all from the version still serving
        const during = lines.slice(indexing).filter((l) => l.msg === 'skill call');
        answeredWhileIndexing.push(during.length);
        expect(during.every((l) => l.faqVersion === reloaded.previousVersion)).toBe(true);
        versions.push(String(reloaded.faqVersion));
        // the new version serves: /healthz and the next calls name it
        const health = (await (await fetch(`${running.baseUrl}/healthz`)).json()) as { faq: { version: string } };
        expect(health.faq.version).toBe(reloaded.faqVersion);
        await running.waitForLine((l) => since(l) && l.msg === 'skill call' && l.faqVersion === reloaded.faqVersion, 30_000);
      }
    } finally {
      stop = true;
      await Promise.all(clients);
    }

    expect(new Set(versions).size).toBe(RELOADS);
    expect(answeredWhileIndexing.every((n) => n > 0)).toBe(true);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(outcomes.filter((o) => !o.valid)).toEqual([]);
  }, 300_000);
});
