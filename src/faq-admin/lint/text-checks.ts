import { findUrls } from '../../kakao/url';
import { swallowedTextIn } from '../swallowed-link';
import type { FaqEntry } from '../../faq/faq-schema';
import { answerLooksCut, bareSyllables, missingSuGaps } from '../text-defects';
import { entryLabel, finding, type LintFinding } from './lint-finding';

/**
 * Checks of an entry's Korean text for what help-center search pages do to it (see `text-defects.ts`): a
 * dropped word, an answer cut mid-sentence that is not marked `answerComplete: false`, and a link that took in
 * the text after it.
 */
export function checkEntryText(entry: FaqEntry): LintFinding[] {
  const findings: LintFinding[] = [];
  const gaps = [...missingSuGaps(entry.question), ...missingSuGaps(entry.answer)];
  if (gaps.length > 0) {
    const message = `${entryLabel(entry)}: "수" looks missing in "${gaps.join('", "')}" (written "-ㄹ 수 있다/없다")`;
    findings.push(finding('warning', 'missing-word', message, [entry.id]));
  }
  const bare = bareSyllables(entry.answer);
  if (bare.length > 0) {
    const message = `${entryLabel(entry)}: a lone syllable in a list ("${bare.join('", "')}") looks like the rest of a word whose first part is missing`;
    findings.push(finding('warning', 'missing-word', message, [entry.id]));
  }
  const cut = entry.answerComplete === false ? undefined : answerLooksCut(entry.answer);
  if (cut) {
    const message = `${entryLabel(entry)}: the answer looks like a cut snippet: ${cut}; complete it, or mark it "answerComplete": false`;
    findings.push(finding('warning', 'answer-cut', message, [entry.id]));
  }
  const links = [
    ...(['landingUrl', 'imageUrl'] as const).flatMap((field) => (entry[field] ? [{ where: field, url: entry[field] }] : [])),
    ...findUrls(entry.answer).map(({ url }) => ({ where: 'a link in the answer', url })),
  ];
  for (const { where, url } of links) {
    const problem = swallowedTextIn(url);
    if (problem) findings.push(finding('warning', 'url-swallows-text', `${entryLabel(entry)}: ${where} ${url} ${problem}`, [entry.id]));
  }
  return findings;
}
