import { faqIdFor } from '../faq/faq-id';
import type { FaqEntryInput } from '../faq/faq-schema';

/**
 * Parser for a Kakao help-center search result page saved as text (the format of the seed files):
 *
 * ```text
 *   • [서비스][카테고리][세부 카테고리]
 *
 *     질문
 *
 *     답변 (one or more indented paragraphs)
 * ```
 *
 * Page chrome before the first bullet ("본문 바로가기", "도움말 검색 결과 (총 N건)", …) is ignored. Ids derive
 * from the categories and the question as the page prints it, before `help-center-repair.ts` mends the text,
 * so a repair never moves an id (links and feedback records keep pointing at the same entry).
 */

/** A bullet that opens an entry: a bullet sign followed only by one or more `[category]` groups. */
const BULLET_LINE = /^\s*[•·]\s*((?:\[[^\]\n]*\]\s*)+)$/;
const CATEGORY_GROUP = /\[([^\]\n]*)\]/g;

export interface HelpCenterProblem {
  /** 1-based line of the bullet that opened the rejected entry. */
  line: number;
  reason: string;
}

export interface HelpCenterParseResult {
  entries: FaqEntryInput[];
  problems: HelpCenterProblem[];
}

export function parseHelpCenterPage(text: string, file: string): HelpCenterParseResult {
  const lines = text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n');
  const entries: FaqEntryInput[] = [];
  const problems: HelpCenterProblem[] = [];

  let bulletIndex = -1;
  for (let i = 0; i <= lines.length; i += 1) {
    const line = lines[i];
    const isBullet = line !== undefined && BULLET_LINE.test(line);
    if (!isBullet && line !== undefined) continue;
    if (bulletIndex >= 0) {
      const block = lines.slice(bulletIndex, i);
      const parsed = parseBlock(block, file, bulletIndex + 1, entries.length + problems.length + 1);
      if ('reason' in parsed) problems.push(parsed);
      else entries.push(parsed);
    }
    bulletIndex = i;
  }
  return { entries, problems };
}

function parseBlock(
  block: string[],
  file: string,
  line: number,
  position: number,
): FaqEntryInput | HelpCenterProblem {
  const groups = (block[0] ?? '').match(BULLET_LINE)?.[1] ?? '';
  const categories = [...groups.matchAll(CATEGORY_GROUP)].map((m) => (m[1] ?? '').trim());
  if (categories.some((c) => c.length === 0)) return { line, reason: 'empty category in the bullet line' };
  if (categories.length > 4) return { line, reason: `${categories.length} category levels (지식+ allows 4)` };

  // Paragraphs are the non-blank lines after the bullet; the first is the question.
  const paragraphs = block
    .slice(1)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const [question, ...answerParagraphs] = paragraphs;
  if (question === undefined) return { line, reason: 'bullet without a question' };
  if (answerParagraphs.length === 0) return { line, reason: `question "${question}" has no answer` };

  return {
    id: faqIdFor(categories, question),
    categories,
    question,
    answer: answerParagraphs.join('\n'),
    source: { file, position },
  };
}
