/**
 * Which FAQ an in-process replay (or `fixture` draft) serves: the bundled data by default, because the
 * committed fixtures are written against it; `--faq FILE` (with `--synonyms FILE`) for another data file;
 * `--set NAME` for one of the server's configured sets (FAQ_SETS_FILE, from .env like the server).
 */
import { loadConfig } from '../../config';
import { resolveFaqSets } from '../../faq/sets/sets-file';

export interface ReplayFaqOptions {
  faq?: string | undefined;
  synonyms?: string | undefined;
  set?: string | undefined;
}

/** The files to serve, for `localTransport`; throws an Error whose message is for the user. */
export async function replayFaqFiles(options: ReplayFaqOptions): Promise<{ faqFile?: string; synonymsFile?: string }> {
  if (options.faq !== undefined && options.set !== undefined) throw new Error('give --faq or --set, not both');
  if (options.set !== undefined) {
    const layout = await resolveFaqSets(loadConfig());
    const set = layout.sets.find((s) => s.name === options.set);
    if (!set) throw new Error(`unknown set "${options.set}"; the configured sets are: ${layout.sets.map((s) => s.name).join(', ')}`);
    return { faqFile: set.faqFile, synonymsFile: options.synonyms ?? set.synonymsFile };
  }
  return {
    ...(options.faq !== undefined ? { faqFile: options.faq } : {}),
    ...(options.synonyms !== undefined ? { synonymsFile: options.synonyms } : {}),
  };
}
