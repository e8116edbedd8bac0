import { parseSynonyms, type SynonymTable } from '../matcher';
import { FaqDataError, readDataFile } from './load-faq';

/** Parses the text of a synonyms file. Throws {@link FaqDataError} naming the file. */
export function parseSynonymsText(text: string, file: string): SynonymTable {
  try {
    return parseSynonyms(JSON.parse(text));
  } catch (error) {
    throw new FaqDataError(file, [(error as Error).message]);
  }
}

/** Reads and validates a synonyms file. Throws {@link FaqDataError}. */
export async function loadSynonymsFile(file: string): Promise<SynonymTable> {
  return parseSynonymsText(await readDataFile(file), file);
}
