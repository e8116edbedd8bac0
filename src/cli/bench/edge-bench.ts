/**
 * `kakao-faq bench --edge`: CPU µs per skill call of the HTTP edge, this checkout against a git baseline
 * (`--baseline`, default HEAD: uncommitted work against the last commit), in ONE run, so the rows compare with
 * each other (a shared machine's figures move between runs; their ratios much less).
 *
 * Each side is its own process (./edge-bench-side.ts) serving every row's app on 127.0.0.1, built by that
 * tree's own test harness; this process drives them with a keep-alive client and reads the SERVER's CPU
 * (process.cpuUsage) before and after each row, so the client's work is not in the figures. The sides and rows
 * alternate for `--rounds` rounds and each row reports its median round.
 *
 * Rows: a bare Express echo; the edge floor (a skill with a fixed reply, no matching); the FAQ skill with the
 * reply cache on (the 50 bundled questions asked again and again: hits) and off. This tree also runs the floor
 * and the uncached FAQ skill with response validation on (VALIDATE_RESPONSES=true, what every call did before).
 * Then each other change of the lean edge on its own, in-process: the work it removed against what replaced it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { childProcessEnv } from '../../config';
import { checkSkillPayload, jsonByteLength, SkillPayloadSchema, SkillResponseSchema, simpleText, skillResponse } from '../../kakao';
import { hashUserKey } from '../../user-key';
import { bundledFaq, fullKakaoPayload, kakaoPayload, ROOT } from '../../../test/harness';
import { integerOption, parseCommandArgs } from '../command-line';
import { bodyReadRow } from './body-read-bench';
import type { EdgeSideRow } from './edge-bench-side';
import { extractBaseline } from './reply-bench';
import { cpuPerRun } from './cpu-per-run';

export const EDGE_BENCH_USAGE = `       kakao-faq bench --edge [--calls 3000] [--rounds 5] [--concurrency 8] [--baseline HEAD]`;

const SIDE_FILE = path.join(__dirname, 'edge-bench-side.ts');
const PRODUCTION = { VALIDATE_RESPONSES: 'false', REPLY_CACHE_WARM: 'false' };
const ROWS: (EdgeSideRow & { label: string; questions: boolean; currentOnly?: true })[] = [
  { name: 'echo', kind: 'echo', env: {}, label: 'bare Express echo', questions: false },
  { name: 'floor', kind: 'floor', env: PRODUCTION, label: 'edge floor', questions: false },
  { name: 'cache-on', kind: 'faq', env: PRODUCTION, label: 'FAQ skill, cache on', questions: true },
  { name: 'cache-off', kind: 'faq', env: { ...PRODUCTION, REPLY_CACHE_ENTRIES: '0' }, label: 'FAQ skill, cache off', questions: true },
  { name: 'floor-validated', kind: 'floor', env: { ...PRODUCTION, VALIDATE_RESPONSES: 'true' }, label: 'edge floor, responses validated', questions: false, currentOnly: true },
  {
    name: 'cache-off-validated',
    kind: 'faq',
    env: { ...PRODUCTION, REPLY_CACHE_ENTRIES: '0', VALIDATE_RESPONSES: 'true' },
    label: 'FAQ skill, cache off, validated',
    questions: true,
    currentOnly: true,
  },
];

interface Side {
  child: ChildProcess;
  ports: Record<string, number>;
  cpuPort: number;
}

export async function runEdgeBench(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      calls: { type: 'string', default: '3000' },
      rounds: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '8' },
      baseline: { type: 'string', default: 'HEAD' },
    },
  });
  const calls = integerOption('calls', values.calls);
  const rounds = integerOption('rounds', values.rounds);
  const concurrency = integerOption('concurrency', values.concurrency);
  const questions = (await bundledFaq()).entries.map((e) => JSON.stringify(kakaoPayload(e.question)));
  const fixed = [JSON.stringify(kakaoPayload('안녕하세요'))];
  const work = mkdtempSync(path.join(os.tmpdir(), 'kakao-faq-edge-bench-'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const sides: Side[] = [];
  try {
    const baselineRoot = extractBaseline(values.baseline, work, ['src', 'skills', 'data', 'test/harness', 'tsconfig.json']);
    sides.push(await startSide(baselineRoot, ROWS.filter((r) => !r.currentOnly)), await startSide(ROOT, ROWS));
    const figures = new Map<string, number[]>();
    for (let round = 0; round <= rounds; round++) {
      // round 0 warms the JIT and the caches and is not counted
      const n = round === 0 ? Math.min(calls, 500) : calls;
      for (const row of ROWS) {
        for (const [s, side] of sides.entries()) {
          if (side.ports[row.name] === undefined) continue;
          const us = await drive(side, row.name, row.questions ? questions : fixed, agent, n, concurrency);
          if (round > 0) figures.set(`${s}:${row.name}`, [...(figures.get(`${s}:${row.name}`) ?? []), us]);
        }
      }
      process.stderr.write(`[bench --edge] round ${round}/${rounds}${round === 0 ? ' (warm-up)' : ''}\n`);
    }
    const at = (s: number, name: string) => (figures.has(`${s}:${name}`) ? median(figures.get(`${s}:${name}`)!) : NaN);
    console.log(`Server CPU µs per skill call: ${calls} calls × ${rounds} rounds, concurrency ${concurrency}, median round`);
    console.log(`${''.padEnd(34)}${`baseline ${values.baseline}`.padStart(16)}${'this tree'.padStart(12)}${'ratio'.padStart(8)}${'echo ÷ row'.padStart(12)}`);
    for (const row of ROWS) {
      const [before, after] = [at(0, row.name), at(1, row.name)];
      const cells = [Number.isNaN(before) ? '—' : before.toFixed(0), after.toFixed(0), Number.isNaN(before) ? '' : `×${(after / before).toFixed(2)}`];
      const share = row.name === 'echo' ? '' : `${((at(1, 'echo') / after) * 100).toFixed(0)}%`;
      console.log(`${row.label.padEnd(34)}${cells[0]!.padStart(16)}${cells[1]!.padStart(12)}${cells[2]!.padStart(8)}${share.padStart(12)}`);
    }
    console.log('\nEach change of the lean edge on its own (CPU µs per call, in-process, no HTTP):');
    for (const [label, before, after] of [...microRows(), await bodyReadRow()]) {
      console.log(`  ${label.padEnd(56)}before ${before.toFixed(2).padStart(7)}  after ${after.toFixed(2).padStart(7)}`);
    }
    console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs: compare rows within this run`);
  } finally {
    agent.destroy();
    for (const side of sides) side.child.stdin?.end();
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

/** Starts one side and waits for its ports. */
async function startSide(root: string, rows: readonly EdgeSideRow[]): Promise<Side> {
  // the baseline tree has no node_modules of its own: it resolves packages from this checkout's
  const env = childProcessEnv({ NODE_PATH: path.join(ROOT, 'node_modules') });
  const sideRows = rows.map(({ name, kind, env: rowEnv }) => ({ name, kind, env: rowEnv }));
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', SIDE_FILE, root, JSON.stringify(sideRows)], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`edge bench side for ${root} exited (${code}) before serving`)));
  });
  const { ports, cpuPort } = JSON.parse(first) as { ports: Record<string, number>; cpuPort: number };
  return { child, ports, cpuPort };
}

/** Sends `calls` requests, `concurrency` at a time, to one row of a side; returns the side's CPU µs per call. */
async function drive(side: Side, row: string, bodies: readonly string[], agent: http.Agent, calls: number, concurrency: number): Promise<number> {
  const url = `http://127.0.0.1:${side.ports[row]}/skill/faq`;
  const before = await serverCpu(side, agent);
  let next = 0;
  const worker = async () => {
    while (next < calls) await post(url, bodies[next++ % bodies.length]!, agent);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const after = await serverCpu(side, agent);
  return (after - before) / calls;
}

async function serverCpu(side: Side, agent: http.Agent): Promise<number> {
  const res = await fetchText(`http://127.0.0.1:${side.cpuPort}/`, agent);
  const { user, system } = JSON.parse(res) as NodeJS.CpuUsage;
  return user + system;
}

function fetchText(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk)).on('end', () => resolve(text));
    }).on('error', reject);
  });
}

function post(url: string, body: string, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`HTTP ${res.statusCode} from ${url}`));
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** [what changed, µs before, µs after]: the removed work against what replaced it, on a typical FAQ reply. */
function microRows(): [string, number, number][] {
  const n = 20_000;
  const sink = pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true }));
  const fields = { skill: 'faq', status: 'ok', outcome: 'answer', faqId: 'faq-1', input: 'text', ms: 1.2, utterance: '환불 계좌는 어떻게 등록 하나요?' };
  const parts = {
    outputs: [simpleText('환불 계좌는 설정 > 계좌 관리에서 등록할 수 있어요. '.repeat(12))],
    quickReplies: Array.from({ length: 5 }, (_, i) => ({ label: `관련 질문 ${i}`, action: 'message' as const, messageText: `관련 질문 ${i}` })),
    data: { outcome: 'answer', faqId: 'faq-1', confidence: 0.93 },
  };
  const reply = skillResponse(parts);
  const salt = 'bench-salt-0123456789abcdef';
  const keys = Array.from({ length: 200 }, (_, i) => `user-key-${i}`.padEnd(64, 'f'));
  // as the body parser gives them: a typed question, and one with every field filled (지식+ match, contexts)
  const payloads = [
    ['typed question', kakaoPayload('환불 계좌는 어떻게 등록 하나요?')],
    ['every field', fullKakaoPayload('리뷰 포인트가 뭐예요?')],
  ].map(([what, payload]) => [what, JSON.parse(JSON.stringify(payload))] as [string, unknown]);
  return [
    [
      'log: two child loggers + line → one line',
      cpuPerRun(n, (i) => sink.child({ reqId: `r${i}` }).child({ faqSet: 'default', faqVersion: 'abc' }).info(fields, 'skill call')),
      cpuPerRun(n, (i) => sink.info({ reqId: `r${i}`, faqSet: 'default', faqVersion: 'abc', ...fields }, 'skill call')),
    ],
    ['response schema per reply → none (debug mode only)', cpuPerRun(n, () => SkillResponseSchema.safeParse(reply)), 0],
    [
      'build + serialise ×3 (fit, schema size, body) → ×1',
      // before: the builder's fit and the schema's size check each measured a serialisation of their own
      cpuPerRun(n, () => {
        const built = skillResponse(parts);
        return jsonByteLength(built) + jsonByteLength(built) + JSON.stringify(built).length;
      }),
      cpuPerRun(n, () => JSON.stringify(skillResponse(parts)).length),
    ],
    [
      'deadline timer + AbortController → none (sync skill)',
      cpuPerRun(n, () => {
        const controller = new AbortController();
        clearTimeout(setTimeout(() => controller.abort(), 4000));
        return controller.signal;
      }),
      0,
    ],
    [
      'user-key HMAC → cached hash',
      cpuPerRun(n, (i) => createHmac('sha256', salt).update(keys[i % keys.length]!, 'utf8').digest('hex').slice(0, 32)),
      cpuPerRun(n, (i) => hashUserKey(keys[i % keys.length]!, salt)),
    ],
    ...payloads.map(([what, body]): [string, number, number] => [
      `payload check: zod → compiled (${what})`,
      cpuPerRun(n, () => SkillPayloadSchema.safeParse(body)),
      cpuPerRun(n, () => checkSkillPayload(body)),
    ]),
  ];
}
