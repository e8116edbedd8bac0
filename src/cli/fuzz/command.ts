/**
 * `kakao-faq fuzz`: long fuzz runs of the properties `npm test` runs briefly (test/hardening/fuzz.test.ts),
 * plus the FAQ data faults and a concurrent-load burst, printing the figures docs/reliability.md quotes.
 * Options: USAGE below.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { integerOption, parseCommandArgs, type CliCommand } from '../command-line';
import fc from 'fast-check';
import { runFaultRounds } from './faq-faults';
import { runBurst } from './load';
import { FUZZ_PROPERTIES } from './properties';
import { ROOT } from '../../../test/harness';
import { startFuzzTarget } from './target';

const USAGE = `usage: kakao-faq fuzz [--runs 5000] [--seed N] [--faults 5] [--load 2000] [--write-docs]
       (npm run fuzz -- …)

  --runs        payloads to fuzz in total, shared among the properties by weight (default 5000)
  --seed        fast-check seed (default: the time); printed, so any failure can be replayed
  --faults      rounds of every FAQ data fault through the loader (default 5)
  --load        skill requests in the concurrent burst (default 2000, 300 at a time)
  --write-docs  replace the figures block in docs/reliability.md with this run's

  Exits 1 if anything failed; every failure is printed with its counterexample and seed.`;

async function fuzz(args: string[]): Promise<number> {
  const { values } = parseCommandArgs({
    args,
    options: {
      runs: { type: 'string', default: '5000' },
      seed: { type: 'string' },
      faults: { type: 'string', default: '5' },
      load: { type: 'string', default: '2000' },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  const runs = integerOption('runs', values.runs, 0);
  const seed = values.seed === undefined ? Date.now() % 2 ** 31 : integerOption('seed', values.seed, 0);
  const faultRounds = integerOption('faults', values.faults, 0);
  const loadRequests = integerOption('load', values.load, 0);
  const started = Date.now();
  const failures: string[] = [];

  console.log(`fuzz: ${runs} payloads, seed ${seed}`);
  const target = await startFuzzTarget();
  const totalWeight = FUZZ_PROPERTIES.reduce((sum, p) => sum + p.weight, 0);
  try {
    for (const [index, property] of FUZZ_PROPERTIES.entries()) {
      const numRuns = Math.max(1, Math.round((runs * property.weight) / totalWeight));
      const before = target.sent;
      const t0 = Date.now();
      const result = await fc.check(property.build(target), { numRuns, seed: seed + index });
      const line = `  ${result.failed ? 'FAIL' : 'ok  '} ${String(target.sent - before).padStart(6)} requests  ${ms(t0)}  ${property.name}`;
      console.log(line);
      if (result.failed) {
        const report = fc.defaultReportMessage(result) ?? String(result.errorInstance);
        failures.push(`${property.name} (seed ${seed + index}):\n${report}`);
      }
    }
  } finally {
    await target.close();
  }
  const payloadsFuzzed = target.sent;

  console.log(`faults: ${faultRounds} round(s) of every FAQ data fault through the loader`);
  const faults = await runFaultRounds(faultRounds);
  for (const [name, { injected, failed }] of Object.entries(faults.byScenario)) {
    console.log(`  ${failed ? 'FAIL' : 'ok  '} ${String(injected).padStart(6)}  ${name}${failed ? ` (${failed} failed)` : ''}`);
  }
  failures.push(...faults.failures);

  console.log(`load: ${loadRequests} skill requests, 300 at a time`);
  const load = await runBurst({ requests: loadRequests, concurrency: 300 });
  console.log(`  ${load.failures.length ? 'FAIL' : 'ok  '} ${load.ok}/${load.requests} answered 200 with a valid SkillResponse; heap growth ${load.heapGrowthMb.toFixed(1)} MB`);
  failures.push(...load.failures);

  const figures = [
    `| payloads fuzzed (HTTP requests) | ${payloadsFuzzed} (${FUZZ_PROPERTIES.length} properties, seed ${seed}) |`,
    `| FAQ data faults injected | ${faults.injected} (${Object.keys(faults.byScenario).length} kinds × ${faultRounds} rounds) |`,
    `| skill requests under load | ${load.requests} (300 concurrent), all 200 and valid: ${load.ok === load.requests ? 'yes' : 'no'}; heap growth after GC ${load.heapGrowthMb.toFixed(1)} MB |`,
    `| failures | ${failures.length} |`,
    `| command | \`npm run fuzz -- --runs ${runs} --seed ${seed} --faults ${faultRounds} --load ${loadRequests}\` (${ms(started)}, Node ${process.version}) |`,
  ];
  console.log(`\n| figure | value |\n| --- | --- |\n${figures.join('\n')}`);
  for (const failure of failures) console.error(`\nFAILURE ${failure}`);
  if (values['write-docs']) await writeDocs(figures);
  return failures.length ? 1 : 0;
}

async function writeDocs(figures: string[]): Promise<void> {
  const file = path.join(ROOT, 'docs/reliability.md');
  const text = await readFile(file, 'utf8');
  const start = '<!-- figures:start -->';
  const end = '<!-- figures:end -->';
  const [before, rest] = text.split(start);
  const after = rest?.split(end)[1];
  if (before === undefined || after === undefined) throw new Error(`${file} has no ${start} … ${end} block`);
  const date = new Date().toISOString().slice(0, 10);
  await writeFile(file, `${before}${start}\nLast run ${date}:\n\n| figure | value |\n| --- | --- |\n${figures.join('\n')}\n${end}${after}`);
  console.log(`wrote the figures into ${path.relative(ROOT, file)}`);
}

function ms(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export const fuzzCommand: CliCommand = { name: 'fuzz', usage: USAGE, run: fuzz };
