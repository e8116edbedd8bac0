import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadFaqFile } from '../../faq/load-faq';
import { writeFaqFile } from '../../faq-admin/write-faq';
import { applySuggestions, MAX_ALTERNATES_PER_ENTRY } from './suggest/apply-suggestions';
import { ReviewedSuggestionsSchema, type ReviewedSuggestion } from './suggest/suggestions';
import { UsageError } from '../command-line';
import type { CliIo, Command } from './command';

export const APPLY_USAGE = `faq apply suggestions.json [--faq data/faq.json] [--out data/faq.json]
  Adds every suggestion marked "accept": true (from \`faq suggest\`) to its entry's alternate questions,
  skipping one the entry already has (up to spacing and punctuation) and stopping at ${MAX_ALTERNATES_PER_ENTRY} per entry.
  Writes the FAQ file atomically (the server reloads it when it watches the file; else send SIGHUP).
  Exit code 1, with nothing written, when an accepted suggestion names an unknown entry, its entry's question
  changed since suggest (a stale file: run suggest again), or its utterance is blank or too long.`;

/** `faq apply`: exit 0 when the file was written or nothing was accepted, 1 when the suggestions file is unusable. */
export const applyCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { faq: { type: 'string', default: io.defaults.faqFile }, out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one suggestions file');
  const reviewed = await readReviewed(positionals[0]!, io);
  if (reviewed === undefined) return 1;
  const out = values.out ?? values.faq;

  const faq = await loadFaqFile(values.faq);
  const result = applySuggestions(faq.entries, reviewed);
  if (result.errors.length > 0) {
    for (const error of result.errors) io.err(error);
    io.err(`not written: ${result.errors.length} accepted suggestion(s) cannot be applied to ${values.faq}`);
    return 1;
  }
  const accepted = reviewed.filter((s) => s.accept).length;
  for (const { faqId, utterance } of result.added) io.out(`added to ${faqId}: "${utterance}"`);
  for (const { faqId, utterance, reason } of result.notAdded) io.out(`not added to ${faqId}: "${utterance}" (${reason})`);
  if (result.added.length === 0) {
    io.out(accepted === 0 ? 'nothing accepted: set "accept": true on the suggestions to add' : `nothing to add; ${values.faq} unchanged`);
    return 0;
  }
  await writeFaqFile(out, result.entries);
  io.out(`wrote ${out}: ${result.added.length} alternate question(s) added to ${new Set(result.added.map((a) => a.faqId)).size} entries`);
  return 0;
};

async function readReviewed(file: string, io: CliIo): Promise<ReviewedSuggestion[] | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`${file}: not a suggestions file: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = ReviewedSuggestionsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    io.err(`${file}: not a suggestions file: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    return undefined;
  }
  return parsed.data.suggestions;
}
