import { createHash } from 'node:crypto';
import type { FaqEntry } from './faq-schema';

/** The content hash a store reports as `version` (`data.faqVersion`): its entries and the synonyms text, 12 hex digits. */
export function faqVersionOf(entries: readonly FaqEntry[], versionSalt = ''): string {
  return createHash('sha256').update(JSON.stringify(entries)).update(versionSalt).digest('hex').slice(0, 12);
}

/** Identifies the exact texts of a set's files: a reload that finds the same fingerprint has nothing to do. */
export function filesFingerprint(faqText: string, synonymsText: string): string {
  return createHash('sha256').update(faqText).update('\0').update(synonymsText).digest('hex');
}
