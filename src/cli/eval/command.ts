/**
 * `kakao-faq eval`: measures the FAQ skill on a labelled utterance set, through `POST /skill/faq` over real HTTP, with the
 * lexical matcher alone and with the semantic stage, side by side.
 *
 *   npm run eval -- [file.jsonl] [--faq data/faq.json] [--split train|test|all] [--lexical-only] [--misses]
 *   npm run eval -- --tune        fit the fusion on the TRAIN split and write FUSION_MODEL_FILE
 *
 * Default file: data/eval/labelled.jsonl (fixed train/test split). Prints, per split and per kind,
 * answer@1, resolved (answered right or the right card offered), wrong answers and out-of-domain fallback.
 * `--misses` lists the training split's misses only: reading the test split's misses is how a set gets
 * tuned to, so they are never printed.
 */
import { parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { expectedIdsOf, readEvalSet, summarizeReply, verdictFor, type EvalCase, type ScoredCase } from './eval-set';
import { formatEvalTables } from './eval-table';
import { openEvalStages, type EvalStage } from './eval-stages';
import { tuneOnTrain } from './fusion/tune-command';
import { kakaoPayload, postJson, serveLocally } from '../../../test/harness';

const USAGE = `usage: kakao-faq eval [file.jsonl] [--faq FILE] [--synonyms FILE] [--split train|test|all] [--lexical-only] [--misses]
       kakao-faq eval --tune [file.jsonl] [--faq FILE] [--synonyms FILE] [--out FILE]
       (npm run eval -- …)

  Scores the skill on a labelled utterance set (default data/eval/labelled.jsonl) over real HTTP, with the
  lexical matcher alone and, when an embeddings service is to be had, with the semantic stage: answer@1,
  resolved, wrong answers and out-of-domain fallback, per split and kind. --misses lists the misses outside
  the test split. --tune fits the fusion on the train split only and writes FUSION_MODEL_FILE (or --out).`;

async function evaluate(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      faq: { type: 'string', default: 'data/faq.json' },
      synonyms: { type: 'string', default: 'data/synonyms.json' },
      split: { type: 'string', default: 'all' },
      'lexical-only': { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      tune: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!['train', 'test', 'all'].includes(values.split)) throw new UsageError('--split must be train, test or all');
  const file = positionals[0] ?? 'data/eval/labelled.jsonl';
  const cases = (await readEvalSet(file)).filter((c) => values.split === 'all' || (c.split ?? 'all') === values.split);
  if (values.tune) return tuneOnTrain(cases, { faqFile: values.faq, synonymsFile: values.synonyms, out: values.out });

  const stages = await openEvalStages({ faqFile: values.faq, synonymsFile: values.synonyms, lexicalOnly: values['lexical-only'] });
  const byStage = new Map<string, ScoredCase[]>();
  try {
    for (const stage of stages.list) byStage.set(stage.name, await scoreAll(stage, cases));
  } finally {
    await stages.close();
  }
  console.log(`${file}: ${cases.length} utterances; FAQ ${stages.faqSize} entries; ${stages.note}`);
  console.log(formatEvalTables(byStage));
  if (values.misses) printTrainMisses(byStage);
  return 0;
}

async function scoreAll(stage: EvalStage, cases: readonly EvalCase[]): Promise<ScoredCase[]> {
  const server = await serveLocally(stage.app);
  const scored: ScoredCase[] = [];
  try {
    for (const c of cases) {
      const { status, body } = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload(c.utterance));
      if (status !== 200) throw new Error(`HTTP ${status} for "${c.utterance}": ${JSON.stringify(body)}`);
      const reply = summarizeReply(body);
      scored.push({ ...c, reply, verdict: verdictFor(expectedIdsOf(c, stage.entries), reply) });
    }
  } finally {
    await server.close();
  }
  return scored;
}

function printTrainMisses(byStage: ReadonlyMap<string, readonly ScoredCase[]>): void {
  for (const [name, scored] of byStage) {
    const misses = scored.filter((c) => c.split !== 'test' && !['right-answer', 'right-fallback'].includes(c.verdict));
    console.log(`\n${name}: misses outside the test split (${misses.length})`);
    for (const c of misses) {
      const got = c.reply.outcome === 'answer' ? `answer ${c.reply.faqId}` : `${c.reply.outcome} [${c.reply.candidateIds.join(', ')}]`;
      console.log(`  ${c.verdict.padEnd(22)} ${c.kind.padEnd(12)} "${c.utterance}" → ${got}; want ${c.expected.join('/') || 'no answer'}`);
    }
  }
}

/** eval has always ended the process once done, whatever handles the semantic stage left open. */
export const evalCommand: CliCommand = { name: 'eval', usage: USAGE, run: evaluate, exitWhenDone: true };
