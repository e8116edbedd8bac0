import path from 'node:path';
import { loadFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { FAQ_FILE, SYNONYMS_FILE } from './paths';

export interface FaqFiles {
  /** Defaults to the bundled data/faq.json; a relative path is read from the working directory (a CLI argument). */
  faqFile?: string;
  /** Defaults to the bundled data/synonyms.json. */
  synonymsFile?: string;
}

/** A fresh store over the given files (the bundled FAQ by default): a caller may attach vectors to it. */
export function loadFaqFiles(files: FaqFiles = {}): Promise<FaqStore> {
  return loadFaqStore({ faqFile: path.resolve(files.faqFile ?? FAQ_FILE), synonymsFile: path.resolve(files.synonymsFile ?? SYNONYMS_FILE) });
}

let bundled: Promise<FaqStore> | undefined;
/** The bundled FAQ, loaded once per process (once per test file under jest), for callers that only read it. */
export function bundledFaq(): Promise<FaqStore> {
  bundled ??= loadFaqFiles();
  return bundled;
}
