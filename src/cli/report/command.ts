/**
 * `kakao-faq report`: what customers ask that the FAQ does not cover, from the server's own logs.
 *
 *   npm run report -- [--since 7d] [--csv out.csv] [--log file …] [--feedback file …]
 *                     [--faq data/faq.json | --set name] [--top 20] [--json] [--candidates new-entries.csv]
 *   kubectl logs deploy/kakao-faq-skill --since=168h | npm run report
 *   DATABASE_URL=postgres://… npm run report          (or --database-url: every replica's calls and ratings)
 *
 * Reads the `"msg":"skill call"` JSON log lines (files, .gz files, or stdin when no file is given) and,
 * optionally, the feedback log (`{at, rating, source, faqId, faqVersion, question, userKeyHash}` lines).
 * Questions are named from `--faq`, else from every FAQ set the server is configured with (FAQ_SETS_FILE
 * or FAQ_FILE, from .env like the server), or the one `--set` names. Prints the answer and clarify
 * rates, the top unanswered and clarify-heavy typed questions grouped by normalised form (count, distinct
 * users, an example, what users picked next), and per-FAQ answers with feedback. `--csv` writes those rows.
 * `--candidates` writes the top unanswered questions, alike wordings joined, as new-entry drafts in the
 * import's CSV columns (질문, 유사질문; 답변 left for the operator) for `npm run faq -- import`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadFaqFilesConfig } from '../../config';
import { integerOption, parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { resolveFaqSets } from '../../faq/sets/sets-file';
import { buildReport, parseSince } from './build-report';
import { formatReport, reportCsv } from './format-report';
import { candidatesCsv, newEntryCandidates } from './new-entry-candidates';
import { readSkillCalls, storedEvents } from './read-database';
import { readFeedbackStore, type Feedback, type SkillCall } from './read-events';

/** Question text by id from FAQ data files (the first file naming an id wins), read loosely: a report should not fail over a data problem. */
function questionsFrom(files: readonly string[]): Map<string, string> {
  const questions = new Map<string, string>();
  for (const file of files) {
    if (!existsSync(file)) continue;
    let data: { entries?: { id?: unknown; question?: unknown }[] };
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as typeof data;
    } catch {
      continue;
    }
    for (const e of data.entries ?? []) {
      if (typeof e.id === 'string' && typeof e.question === 'string' && !questions.has(e.id)) questions.set(e.id, e.question);
    }
  }
  return questions;
}

/** `--faq` as given; else the FAQ file of every configured set (the default set first), or of the one `--set` names. */
async function faqFiles(faq: string | undefined, set: string | undefined): Promise<string[]> {
  if (faq !== undefined) {
    if (set !== undefined) throw new UsageError('give --faq or --set, not both');
    return [path.resolve(faq)];
  }
  // only the FAQ keys: an unrelated server key that does not parse (METRICS_HOST without a token) is not the report's business
  const layout = await resolveFaqSets(loadFaqFilesConfig());
  const sets = set === undefined ? layout.sets : layout.sets.filter((s) => s.name === set);
  if (sets.length === 0) throw new Error(`unknown set "${set}"; the configured sets are: ${layout.sets.map((s) => s.name).join(', ')}`);
  return sets.map((s) => s.faqFile);
}

const USAGE = `usage: kakao-faq report [log files…] [--log file …] [--since 7d] [--feedback file …] [--faq data/faq.json | --set name]
                        [--top 20] [--json] [--csv out.csv] [--candidates new-entries.csv] [--database-url postgres://…]
       kubectl logs deploy/kakao-faq-skill --since=168h | kakao-faq report
       (npm run report -- …)

  Reads the server's "skill call" log lines (files, .gz files, or stdin when none is given) and, optionally,
  the feedback log; with DATABASE_URL (from the environment or .env) or --database-url, the calls and ratings
  every replica stored in PostgreSQL instead (log or feedback files given on the command line still win).
  Prints the answer and clarify rates, the top unanswered and clarify-heavy questions grouped by normalised
  form, and per-FAQ answers with feedback. Questions are named from --faq, else from every
  configured FAQ set (FAQ_SETS_FILE or FAQ_FILE, from .env like the server), or the one --set names.
  --csv writes those rows; --candidates writes the top unanswered questions as new-entry drafts in the
  import's CSV columns, for \`kakao-faq faq import\`.`;

async function report(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      since: { type: 'string' },
      csv: { type: 'string' },
      log: { type: 'string', multiple: true, default: [] },
      feedback: { type: 'string', multiple: true, default: [] },
      faq: { type: 'string' },
      set: { type: 'string' },
      top: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      candidates: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const top = integerOption('top', values.top);
  let since: number | undefined;
  try {
    since = parseSince(values.since, Date.now());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const logs = [...values.log, ...positionals];
  for (const file of [...logs, ...values.feedback]) if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const stored = await storedEvents(values['database-url'], since);
  if (logs.length === 0 && stored === undefined && process.stdin.isTTY) {
    throw new UsageError('give log files (--log file) or pipe a log in, e.g. `kubectl logs deploy/kakao-faq-skill | npm run report`');
  }

  const read = await readSkillCalls(logs, stored);
  const calls: SkillCall[] = read.items;
  let skipped = read.skipped;
  const feedbackReads = values.feedback.length === 0 && stored ? [stored.feedback] : await Promise.all(values.feedback.map(readFeedbackStore));
  const feedback: Feedback[] = [];
  for (const ratings of feedbackReads) {
    feedback.push(...ratings.items);
    skipped += ratings.skipped;
  }

  const report = buildReport(calls, feedback, { top, ...(since === undefined ? {} : { since }) });
  const questions = questionsFrom(await faqFiles(values.faq, values.set));
  const questionOf = (id: string) => questions.get(id);
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else console.log(formatReport(report, { questionOf }));
  if (skipped > 0) console.error(`(${skipped} malformed lines skipped)`);
  if (values.csv) {
    await writeFile(values.csv, reportCsv(report, questionOf), 'utf8');
    console.error(`wrote ${report.unanswered.length + report.clarifyHeavy.length + report.faqs.length} rows to ${values.csv}`);
  }
  if (values.candidates) {
    // every unanswered group, not only the top rows, so that wordings outside the top still join a cluster
    const all = buildReport(calls, [], { top: Number.MAX_SAFE_INTEGER, ...(since === undefined ? {} : { since }) });
    const candidates = newEntryCandidates(all.unanswered, top);
    await writeFile(values.candidates, candidatesCsv(candidates), 'utf8');
    console.error(`wrote ${candidates.length} new-entry candidates to ${values.candidates}: fill in 답변 (and 카테고리), then \`npm run faq -- import\``);
  }
  return 0;
}

export const reportCommand: CliCommand = { name: 'report', usage: USAGE, run: report };
