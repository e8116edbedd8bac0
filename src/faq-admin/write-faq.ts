import { writeFile, rename } from 'node:fs/promises';
import { FaqFileSchema, type FaqEntryInput, type FaqFile } from '../faq/faq-schema';

/** Validates entries and writes them as a FAQ data file (atomically: temp file, then rename). */
export async function writeFaqFile(file: string, entries: readonly FaqEntryInput[]): Promise<FaqFile> {
  const faq = FaqFileSchema.parse({ schemaVersion: 1, entries });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(faq, null, 2)}\n`, 'utf8');
  await rename(tmp, file);
  return faq;
}
