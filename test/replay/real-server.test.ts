/**
 * The `--url` path end to end: the real server (`src/main.ts`, as `npm start` runs it, with its own
 * config and FAQ loading) on a free port, and `npm run replay` (the CLI, axios) replaying a sample
 * of the fixtures to it over HTTP with the secret header.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, kakaoPayload, ROOT, type RunningServer, startServer } from '../harness';
import { PAYLOADS_DIR } from '../../src/cli/replay/fixture';

const SECRET = 'replay-test-secret-0123456789';
const SAMPLE = [
  'answer/exact-question', // has a snapshot taken in-process: answer-page links differ only in origin
  'clarify/same-question-three-platforms',
  'fallback/greeting',
  'browse/sub-category-list',
  'buttons/clarify-card-pick',
  'knowledge/matched-knowledges',
  'invalid/utterance-number',
  'edge/skill-error', // needs fault injection: skipped against a real server
].map((name) => path.join(PAYLOADS_DIR, `${name}.json`));

/** The test decides the secret; a proxy from the environment must not sit between replay and 127.0.0.1. */
const NO_SECRET_OR_PROXY = { SKILL_SECRET: '', SKILL_SECRET_HEADER: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '' };

/** Runs `kakao-faq <command>` the way `npm run` does; resolves with the exit code and output, never rejects. */
function runScript(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/kakao-faq.cjs', command, ...args],
      { cwd: ROOT, env: { ...process.env, ...NO_SECRET_OR_PROXY, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let server: RunningServer;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  url = `${base}/skill/faq`;
  // The fixtures' expectations are those of in-process replay, which matches lexically; this test is about
  // the transport to a real server, so that server matches lexically too.
  server = await startServer({ PORT: String(port), PUBLIC_BASE_URL: base, SKILL_SECRET: SECRET, SKILL_SECRET_HEADER: 'x-skill-secret', LOG_LEVEL: 'warn', WORKERS: '1', METRICS_PORT: 'off', SEMANTIC: 'off' });
}, 60_000);

afterAll(async () => {
  if (server.child.exitCode !== null) return;
  const code = await server.stop('SIGTERM');
  // The server shuts down gracefully on SIGTERM.
  expect(code).toBe(0);
});

describe('npm run replay -- --url (the real server over HTTP)', () => {
  it('replays a sample green with the secret from the environment, and prints JSON for CI', async () => {
    const { code, stdout, stderr } = await runScript('replay', ['--url', url, '--json', ...SAMPLE], { SKILL_SECRET: SECRET });
    expect(stderr).not.toMatch(/Error/);
    const report = JSON.parse(stdout) as { summary: Record<string, unknown>; results: { case: string; result: string; status: number | null }[] };
    expect(report.summary).toMatchObject({ target: url, total: SAMPLE.length, passed: SAMPLE.length - 1, failed: 0, invalid: 0, skipped: 1 });
    expect(report.results.find((r) => r.case === 'edge/skill-error')).toMatchObject({ result: 'skip', status: null });
    expect(report.results.find((r) => r.case === 'invalid/utterance-number')).toMatchObject({ result: 'pass', status: 400 });
    expect(code).toBe(0);
  });

  it('with a wrong --secret, every case fails on status 401 and the exit code is 1', async () => {
    const { code, stdout } = await runScript('replay', ['--url', url, '--secret', 'not-the-secret-at-all', SAMPLE[0]!]);
    expect(stdout).toContain('answer/exact-question');
    expect(stdout).toMatch(/status\s+expected 200\n\s+got 401 wrong_secret/);
    expect(stdout).toContain('0 passed, 1 failed of 1 case(s)');
    expect(code).toBe(1);
  });

  it('a fixture written by `npm run fixture -- new --url` replays green, and a broken expectation shows a diff', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fixture-cli-'));
    try {
      const made = await runScript('fixture', ['new', '월렛 삭제', '--url', url, '--secret', SECRET, '--dir', dir, '--flow', 'smoke', '--name', 'wallet']);
      expect(made.stderr).toBe('');
      expect(made.code).toBe(0);
      const file = path.join(dir, 'smoke', 'wallet.json');
      expect(made.stdout).toContain(`wrote ${file}`);

      const green = await runScript('replay', ['--url', url, '--secret', SECRET, dir]);
      expect(green.stdout).toMatch(/smoke\/wallet\s+PASS\s+200/);
      expect(green.code).toBe(0);

      const broken = path.join(dir, 'smoke', 'broken.json');
      writeFileSync(broken, JSON.stringify({ description: 'd', request: kakaoPayload('월렛 삭제'), expect: { outcome: 'clarify', quickReplies: { contains: ['상담원 연결'] } } }));
      const red = await runScript('replay', ['--url', url, '--secret', SECRET, broken]);
      expect(red.stdout).toMatch(/outcome\s+expected "clarify"\n\s+got "answer"/);
      expect(red.stdout).toContain('quickReplies.contains  expected "상담원 연결" among them');
      expect(red.code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns a logged request into a fixture with made-up user keys', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fixture-log-'));
    try {
      const log = path.join(dir, 'requests.log');
      writeFileSync(log, `${JSON.stringify({ level: 30, msg: 'incoming', body: kakaoPayload('리뷰 포인트가 뭐예요?') })}\nnot json\n`);
      const made = await runScript('fixture', ['--from-log', log, '--url', url, '--secret', SECRET, '--stdout']);
      expect(made.code).toBe(0);
      expect(made.stderr).toContain('line 2: skipped (not a JSON line)');
      expect(made.stderr).toContain('line 1: replaced userRequest.user.id');
      const draft = JSON.parse(made.stdout) as { description: string; request: { userRequest: { user: { id: string } } }; expect: unknown };
      expect(draft.description).toBe('From a logged request (line 1): "리뷰 포인트가 뭐예요?"');
      expect(draft.expect).toMatchObject({ outcome: 'answer', faqId: 'faq-4ceb70d21dd5' });
      expect(draft.request.userRequest.user.id).not.toBe((kakaoPayload('x') as { userRequest: { user: { id: string } } }).userRequest.user.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad usage with exit code 2', async () => {
    const { code, stderr } = await runScript('replay', ['--retries', 'many', SAMPLE[0]!]);
    expect(stderr).toContain('--retries must be a whole number, got "many"');
    expect(code).toBe(2);
  });
});

describe('npm run replay (in-process, the default)', () => {
  it('serves the app itself, so fault fixtures run too', async () => {
    const { code, stdout } = await runScript('replay', [path.join(PAYLOADS_DIR, 'edge'), SAMPLE[0]!]);
    expect(stdout).toMatch(/edge\/skill-error\s+PASS\s+200/);
    expect(stdout).toMatch(/edge\/skill-timeout\s+PASS\s+200/);
    expect(stdout).toMatch(/3 passed, 0 failed of 3 case\(s\) against in-process http:\/\/127\.0\.0\.1:\d+\/skill\/faq$/m);
    expect(code).toBe(0);
  });
});
