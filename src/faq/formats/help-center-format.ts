import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkEntry } from '../check-entry';
import { parseHelpCenterPage } from '../help-center-page';
import type { ProgressListener, SourceReadResult } from './source-result';

/** A Kakao help-center search result page saved as text (see `help-center-page.ts`) as an import source. */
export async function readHelpCenterFile(file: string, onProgress?: ProgressListener): Promise<SourceReadResult> {
  const parsed = parseHelpCenterPage(await readFile(file, 'utf8'), path.basename(file));
  const result: SourceReadResult = {
    entries: [],
    problems: parsed.problems.map((p) => ({ file, location: `line ${p.line}`, reason: p.reason, code: 'invalid-entry' })),
    notes: [],
    blankRows: 0,
  };
  parsed.entries.forEach((input, index) => {
    onProgress?.(index + 1, parsed.entries.length);
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
