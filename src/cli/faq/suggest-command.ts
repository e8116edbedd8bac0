import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadFaqStore } from '../../faq/faq-store';
import { parseSince } from '../report/build-report';
import { readSkillCalls, storedEvents } from '../report/read-database';
import { readFeedbackStore, type Feedback, type SkillCall } from '../report/read-events';
import { openAnsweredBy } from './suggest/answered-by';
import { collectEvidence } from './suggest/evidence';
import { buildSuggestions, type SuggestionsFile } from './suggest/suggestions';
import { integerOption, UsageError } from '../command-line';
import type { Command } from './command';

export const SUGGEST_USAGE = `faq suggest [--log file…] [--feedback file] [--since 7d] [--min-count 2] [--out suggestions.json]
            [--faq data/faq.json] [--synonyms data/synonyms.json] [--lexical-only] [--database-url postgres://…]
  Learns from traffic: reads the server's "skill call" log lines (files, .gz files, or stdin when no --log is
  given) and its feedback store (FEEDBACK_FILE unless --feedback); with DATABASE_URL or --database-url, the
  calls and ratings every replica stored in PostgreSQL (unless --log or --feedback is given). It finds what users typed before picking a
  candidate under "which one?" or before rating the answer 👍. Writes those wordings, grouped as the matcher
  sees them, as suggested alternate questions with their count, users and evidence, each "accept": false;
  set "accept": true on the ones to keep, then run \`faq apply\`. Wordings that already get that entry's
  answer (decided as the server decides: with the semantic stage when an embeddings service is to be had,
  EMBEDDINGS_URL or the local model server; else, or with --lexical-only, by the lexical matcher), equal its
  question or an alternate, or are small talk are left out; a wording users tied to different entries is
  listed under "conflicts" instead. Without --out the file goes to stdout.`;

/** `faq suggest`: exit 0 when the file was written (even with no suggestions). */
export const suggestCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      log: { type: 'string', multiple: true, default: [] },
      feedback: { type: 'string' },
      since: { type: 'string' },
      'min-count': { type: 'string', default: '2' },
      out: { type: 'string' },
      faq: { type: 'string', default: io.defaults.faqFile },
      synonyms: { type: 'string', default: io.defaults.synonymsFile },
      'lexical-only': { type: 'boolean', default: false },
      'database-url': { type: 'string' },
    },
  });
  const minCount = integerOption('min-count', values['min-count']);
  let since: number | undefined;
  try {
    since = parseSince(values.since, Date.now());
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  for (const file of [...values.log, ...(values.feedback ? [values.feedback] : [])]) {
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  }
  const stored = await storedEvents(values['database-url']);
  if (values.log.length === 0 && stored === undefined && process.stdin.isTTY) {
    throw new UsageError('give log files (--log file) or pipe a log in, e.g. `kubectl logs deploy/kakao-faq-skill | npm run faq -- suggest`');
  }

  const read = await readSkillCalls(values.log, stored);
  const calls: SkillCall[] = read.items;
  let skipped = read.skipped;
  const feedbackFile = values.feedback ?? io.defaults.feedbackFile;
  const feedback: Feedback[] = [];
  if (values.feedback === undefined && stored) {
    feedback.push(...stored.feedback.items);
    skipped += stored.feedback.skipped;
  } else if (feedbackFile !== undefined && existsSync(feedbackFile)) {
    const read = await readFeedbackStore(feedbackFile);
    feedback.push(...read.items);
    skipped += read.skipped;
  } else {
    io.err(`note: no feedback file${feedbackFile ? ` at ${feedbackFile}` : ''}; only clarify picks are used`);
  }
  if (calls.length > 0 && calls.every((c) => c.utterance === undefined)) {
    io.err('note: the log has no utterances (LOG_UTTERANCES=false): there is nothing to learn from');
  }

  const faq = await loadFaqStore({ faqFile: values.faq, synonymsFile: values.synonyms });
  const evidence = collectEvidence(calls, feedback, since);
  const answered = await openAnsweredBy(faq, { lexicalOnly: values['lexical-only'] });
  if (answered.decidedBy.startsWith('lexical')) io.err(`note: "already answered" is decided ${answered.decidedBy}`);
  const built = await buildSuggestions(evidence, faq.entries, { minCount, answeredBy: answered.answeredBy }).finally(() => answered.close());
  const file: SuggestionsFile = { generatedAt: new Date().toISOString(), faqFile: values.faq, minCount, ...built };
  const json = `${JSON.stringify(file, null, 2)}\n`;
  const s = built.skipped;
  const summary =
    `${built.suggestions.length} suggestion(s), ${built.conflicts.length} conflict(s) from ${evidence.length} piece(s) of evidence; ` +
    `left out: ${s.alreadyAnswered} already answered, ${s.sameAsQuestion} same as a question, ${s.smallTalk} small talk, ` +
    `${s.belowMinCount} below --min-count ${minCount}, ${s.unknownEntry} for entries not in ${values.faq}`;
  if (values.out) {
    await writeFile(values.out, json, 'utf8');
    io.out(`${summary}\nwrote ${values.out}: set "accept": true on the suggestions to keep, then run \`npm run faq -- apply ${values.out}\``);
  } else {
    await io.writeStdout(json);
    io.err(summary);
  }
  if (skipped > 0) io.err(`(${skipped} malformed lines skipped)`);
  return 0;
};
