import type { SynonymTable } from '../../matcher';
import { loadSynonymsFile } from '../../faq/load-synonyms';
import type { FaqEntry } from '../../faq/faq-schema';
import { createFaqStore } from '../../faq/faq-store';
import { importFaqSources } from '../formats/import-sources';
import { checkLinks, type LinkCheckOptions } from './check-links';
import { findDuplicates, NEAR_DUPLICATE_THRESHOLD } from './duplicate-questions';
import { checkEntryPresentation } from './entry-checks';
import { finding, type LintFinding } from './lint-finding';
import { findMatchCollisions } from './match-collisions';
import { findUnknownRelated } from './related-checks';
import { checkEntryText } from './text-checks';

/** Options of {@link lintEntries}. */
export interface LintOptions {
  /** Synonym groups the server matches with, so collisions are judged as the server would. */
  synonyms?: SynonymTable;
  /** Similarity from which two different questions are near duplicates; default 0.8. */
  nearDuplicateThreshold?: number;
}

/** Every check that needs no network, over entries that passed the schema. Errors first. */
export function lintEntries(entries: readonly FaqEntry[], options: LintOptions = {}): LintFinding[] {
  const store = entries.length > 0 ? createFaqStore({ schemaVersion: 1, entries: [...entries] }, options.synonyms ? { synonyms: options.synonyms } : {}) : undefined;
  const findings = [
    ...findDuplicates(entries, options.nearDuplicateThreshold ?? NEAR_DUPLICATE_THRESHOLD, store),
    ...findUnknownRelated(entries),
    ...entries.flatMap(checkEntryPresentation),
    ...entries.flatMap(checkEntryText),
  ];
  if (store) findings.push(...findMatchCollisions(store));
  return sortFindings(findings);
}

/** The findings for one file, with counts by severity. */
export interface LintReport {
  file: string;
  /** Entries that passed the schema (the ones the other checks ran on). */
  entries: number;
  findings: LintFinding[];
  errors: number;
  warnings: number;
}

/** Options of {@link lintFile}. */
export interface LintFileOptions {
  synonymsFile?: string;
  nearDuplicateThreshold?: number;
  /** Also request every URL (network). */
  checkLinks?: boolean | LinkCheckOptions;
}

/**
 * Lints a FAQ file of any importable format: what the importer rejects is reported as errors with its
 * location, then every check runs on the rest. Throws `FaqDataError` only for an unusable synonyms file.
 */
export async function lintFile(file: string, options: LintFileOptions = {}): Promise<LintReport> {
  // lint checks the entries as written: no renaming of repeated ids (they are reported instead)
  const imported = await importFaqSources([file], { dedupe: false });
  const findings: LintFinding[] = imported.problems.map((p) =>
    finding('error', p.code, p.reason, [], { location: p.location }),
  );
  const entries = imported.entries;
  const synonyms = options.synonymsFile ? await loadSynonymsFile(options.synonymsFile) : undefined;
  findings.push(
    ...lintEntries(entries, {
      ...(synonyms ? { synonyms } : {}),
      ...(options.nearDuplicateThreshold !== undefined ? { nearDuplicateThreshold: options.nearDuplicateThreshold } : {}),
    }),
  );
  if (options.checkLinks) findings.push(...(await checkLinks(entries, options.checkLinks === true ? {} : options.checkLinks)));
  const sorted = sortFindings(findings);
  return {
    file,
    entries: entries.length,
    findings: sorted,
    errors: sorted.filter((f) => f.severity === 'error').length,
    warnings: sorted.filter((f) => f.severity === 'warning').length,
  };
}

function sortFindings(findings: LintFinding[]): LintFinding[] {
  const order = (f: LintFinding) => (f.severity === 'error' ? 0 : 1);
  return [...findings].sort((a, b) => order(a) - order(b));
}
