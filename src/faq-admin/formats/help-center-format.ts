import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkEntry } from '../../faq/check-entry';
import { parseHelpCenterPage } from '../help-center-page';
import { readRepairSpec, repairHelpCenterEntries } from '../help-center-repair';
import type { ProgressListener, SourceReadResult } from './source-result';

/**
 * A Kakao help-center search result page saved as text (see `help-center-page.ts`) as an import source,
 * repaired (the dropped search word, glued URLs, snippets marked; see `help-center-repair.ts`).
 */
export async function readHelpCenterFile(file: string, onProgress?: ProgressListener): Promise<SourceReadResult> {
  const parsed = parseHelpCenterPage(await readFile(file, 'utf8'), path.basename(file));
  const repairFile = await readRepairSpec(file);
  const repaired = repairHelpCenterEntries(parsed.entries, repairFile?.spec);
  const result: SourceReadResult = {
    entries: [],
    problems: [
      ...parsed.problems.map((p) => ({ file, location: `line ${p.line}`, reason: p.reason, code: 'invalid-entry' as const })),
      ...repaired.problems.map((reason) => ({ file: repairFile!.file, location: 'repair', reason, code: 'invalid-file' as const })),
    ],
    notes: repaired.notes.map((note) => `${path.basename(file)}: ${note}`),
    blankRows: 0,
  };
  repaired.entries.forEach((input, index) => {
    onProgress?.(index + 1, repaired.entries.length);
    const checked = checkEntry(input);
    if (checked.ok) result.entries.push(checked.entry);
    else {
      for (const issue of checked.issues) {
        const location = `entry ${input.source?.position ?? index + 1} ("${input.question.slice(0, 40)}")`;
        result.problems.push({ file, location, reason: `field ${issue.field}: ${issue.message}`, code: issue.code });
      }
    }
  });
  return result;
}
