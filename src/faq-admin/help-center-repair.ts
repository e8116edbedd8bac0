import { readOptionalFile } from '../read-optional-file';
import { z } from 'zod';
import { findUrls } from '../kakao/url';
import type { FaqEntryInput } from '../faq/faq-schema';
import { answerLooksCut, bareSyllables, missingSuGaps, restoreSu } from './text-defects';

/**
 * Repairs what Kakao help-center search result pages do to FAQ text, so `faq import` turns a saved page into
 * correct Korean, the same way every time:
 *
 * - The page drops every occurrence of the searched-for word. Only a `<page>.repair.json` next to the page
 *   makes the importer put it back: `"restoreWord": "수"` (as in "-ㄹ 수 있다") by grammar, any other word where
 *   its `gaps` say, each written with a `|` where the word goes. Never by guess: the grammar rule can fire on
 *   correct Korean, so a page without a repair file only gets its suspected gaps reported.
 * - A URL glued to the next word ("https://www.tosspayments.com카드 거래의") gets a space; a particle
 *   ("…/refund에서") stays attached (the linkifier ends the link there).
 * - Answers cut mid-sentence are marked `answerComplete: false` (detected, plus the positions the repair file
 *   lists as `snippets` where detection cannot tell).
 *
 * Ids are not touched: the parser derives them from the question as the page printed it, so repairing the text
 * (now, or better later) never moves an entry's id, its links or its feedback records.
 */

const GapSchema = z.string().refine((gap) => gap.split('|').length === 2, 'must contain exactly one "|" (where the word goes)');

/** `<page>.repair.json`. */
export const RepairSpecSchema = z
  .object({
    /** Why the page needs repair, for the next reader. */
    note: z.string().optional(),
    /** The word the search page dropped. */
    restoreWord: z.string().trim().min(1).max(20).optional(),
    /** Where it goes: "식스|," puts the word between "식스" and ",", everywhere on the page. */
    gaps: z.array(GapSchema).default([]),
    /** 1-based positions of entries on the page whose answers are snippets though they do not look cut. */
    snippets: z.array(z.number().int().positive()).default([]),
  })
  .strict()
  .refine((spec) => spec.gaps.length === 0 || spec.restoreWord !== undefined, { message: 'gaps need a restoreWord' })
  .refine((spec) => spec.restoreWord === undefined || spec.restoreWord === '수' || spec.gaps.length > 0, {
    message: 'only "수" can be restored without gaps (by grammar); list the gaps of any other word',
  });
export type RepairSpec = z.output<typeof RepairSpecSchema>;

/** The repair file of a page (`000_x.txt` → `000_x.repair.json`), undefined when there is none. */
export async function readRepairSpec(pageFile: string): Promise<{ file: string; spec: RepairSpec } | undefined> {
  const file = pageFile.replace(/\.txt$/i, '') + '.repair.json';
  const text = await readOptionalFile(file);
  if (text === undefined) return undefined;
  const parsed = RepairSpecSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'} ${i.message}`).join('; ')}`);
  return { file, spec: parsed.data };
}

export interface RepairResult {
  entries: FaqEntryInput[];
  /** What was repaired and what still looks wrong, for the import report. */
  notes: string[];
  /** Repair instructions that no longer fit the page (a gap that matches nothing). */
  problems: string[];
}

/** Repairs the entries of one page (see the module comment). */
export function repairHelpCenterEntries(entries: readonly FaqEntryInput[], spec?: RepairSpec): RepairResult {
  const notes: string[] = [];
  const problems: string[] = [];
  const pageText = entries.map((e) => `${e.question}\n${e.answer}`).join('\n');
  let restore: (text: string) => string = (text) => text;

  if (spec?.restoreWord !== undefined && spec.gaps.length > 0) {
    const word = spec.restoreWord;
    const gaps = spec.gaps.map((gap) => gap.split('|') as [string, string]);
    const used = gaps.map(([before, after]) => pageText.split(before + after).length - 1);
    gaps.forEach(([before, after], i) => {
      if (used[i] === 0) problems.push(`gap "${before}|${after}" matches nothing on the page (did the page change?)`);
    });
    restore = (text) => gaps.reduce((t, [before, after]) => t.replaceAll(before + after, before + word + after), text);
    notes.push(`restored the dropped search word "${word}" in ${used.reduce((a, b) => a + b, 0)} places`);
  } else if (spec?.restoreWord === '수') {
    restore = (text) => restoreSu(text).text;
    notes.push(`restored the dropped search word "수" in ${restoreSu(pageText).restored} places`);
  }

  const snippets: number[] = [];
  const repaired = entries.map((entry, index) => {
    const position = entry.source?.position ?? index + 1;
    const question = restore(entry.question);
    const answer = spaceAfterGluedUrls(restore(entry.answer));
    const cut = answerLooksCut(answer) !== undefined || spec?.snippets.includes(position) === true;
    if (cut) snippets.push(position);
    const left = [...missingSuGaps(`${question}\n${answer}`), ...bareSyllables(answer)];
    if (left.length > 0) {
      notes.push(
        `entry ${position} ("${question.slice(0, 30)}"): a word looks missing in "${left.join('", "')}"; the search page ` +
          'dropped its search word: put it back with a .repair.json next to the page',
      );
    }
    return { ...entry, question, answer, ...(cut ? { answerComplete: false } : {}) };
  });
  if (snippets.length > 0) {
    notes.push(`${snippets.length} answers are search snippets cut mid-sentence (marked answerComplete: false): entries ${snippets.join(', ')}`);
  }
  return { entries: repaired, notes, problems };
}

/** Korean particles and endings that attach to a URL ("…/refund에서", "….com으로", "…/cash/를"). */
const PARTICLE = /^(?:에서|에게|에는|에도|에|으로|로|을|를|이|가|은|는|의|와|과|도|만|까지|부터|처럼|보다|이나|나|라고|입니다|이며|이고|에요|예요)/;

/** "https://www.tosspayments.com카드 거래" → "https://www.tosspayments.com 카드 거래"; particles stay attached. */
export function spaceAfterGluedUrls(text: string): string {
  let out = '';
  let last = 0;
  for (const { end } of findUrls(text)) {
    const next = text.slice(end);
    if (/^[가-힣]/.test(next) && !PARTICLE.test(next)) {
      out += `${text.slice(last, end)} `;
      last = end;
    }
  }
  return out + text.slice(last);
}
