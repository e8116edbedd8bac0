/**
 * One side of `kakao-faq bench --reply` (./reply-bench.ts), run as its own process: the FAQ skill's `handle()`
 * from the tree compiled at `--root` (this checkout, or a baseline extracted from git), called in a loop on
 * realistic messages with no reply cache, over the bundled FAQ and a synthetic corpus read from `--input`.
 * Prints one JSON line: CPU µs per call for each corpus and the top functions of a CPU profile of the timed loop.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/** Sampling interval of the profile, µs: a call takes a few hundred, so the default 1 ms sees too little. */
const PROFILE_INTERVAL_US = 100;

interface SideInput {
  /** Each corpus: its FAQ file and the Kakao payloads of its messages. */
  corpora: { name: string; faqFile: string; payloads: unknown[] }[];
  synonymsFile: string;
  passes: number;
  profile: boolean;
}

export interface SideResult {
  root: string;
  corpora: { name: string; entries: number; calls: number; usPerCall: number[]; outcomes: Record<string, number> }[];
  /** Self time share of the profiled loop, highest first. */
  top: { fn: string; share: number }[];
}

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
function load(root: string) {
  const from = (file: string) => require(path.join(root, file));
  return {
    skill: from('skills/faq/faq-skill.js').faqSkill,
    loadFaqStore: from('src/faq/faq-store.js').loadFaqStore,
    kakao: from('src/kakao/index.js'),
    log: from('src/log.js').silentLogger,
  };
}

async function run(root: string, input: SideInput): Promise<SideResult> {
  const code = load(root);
  const result: SideResult = { root, corpora: [], top: [] };
  const loops: (() => Promise<void>)[] = [];
  for (const corpus of input.corpora) {
    const faq = await code.loadFaqStore({ faqFile: corpus.faqFile, synonymsFile: input.synonymsFile, faqMaxBytes: 1024 * 1024 * 1024 });
    const requests = corpus.payloads.map((p) => code.kakao.toSkillRequest(code.kakao.SkillPayloadSchema.parse(p)));
    const context: any = { faq, log: code.log, requestId: 'bench', answerUrl: (id: string) => `https://faq.example.com/faq/${id}`, signal: new AbortController().signal };
    const outcomes: Record<string, number> = {};
    // the first pass warms the JIT and what a long-running server has computed per snapshot by then
    for (const request of requests) {
      const reply = await code.skill.handle(request, context);
      const outcome = String(reply.data?.outcome);
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    const row = { name: corpus.name, entries: faq.size, calls: requests.length, usPerCall: [] as number[], outcomes };
    result.corpora.push(row);
    loops.push(async () => {
      // CPU time, not wall time: on a shared machine a pass also waits for the other processes
      const started = process.cpuUsage();
      for (const request of requests) await code.skill.handle(request, context);
      const used = process.cpuUsage(started);
      row.usPerCall.push((used.user + used.system) / requests.length);
    });
  }
  const session = input.profile ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: PROFILE_INTERVAL_US });
    await session.post('Profiler.start');
  }
  for (let pass = 0; pass < input.passes; pass++) for (const loop of loops) await loop();
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    result.top = topFunctions(profile as CpuProfile, root);
    session.disconnect();
  }
  return result;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; hitCount?: number }[];
}

/** Functions by self time (samples), named `function (file)` relative to `root`. */
function topFunctions(profile: CpuProfile, root: string): { fn: string; share: number }[] {
  const byName = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
    const url = node.callFrame.url.replace(/^file:\/\//, '');
    const file = url.startsWith(root) ? path.relative(root, url) : url.split('/').slice(-2).join('/');
    const name = `${node.callFrame.functionName || '(anonymous)'} (${file})`;
    byName.set(name, (byName.get(name) ?? 0) + hits);
    total += hits;
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 15)
    .map(([fn, hits]) => ({ fn, share: hits / total }));
}

if (require.main === module) {
  const [root, inputFile] = process.argv.slice(2);
  const input = JSON.parse(readFileSync(inputFile!, 'utf8')) as SideInput;
  void run(path.resolve(root!), input).then((result) => process.stdout.write(`${JSON.stringify(result)}\n`));
}
