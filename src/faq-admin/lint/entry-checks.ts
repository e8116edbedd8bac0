import { isIP } from 'node:net';
import { charLength, excerpt, KAKAO_LIMITS } from '../../kakao';
import type { FaqEntry } from '../../faq/faq-schema';
import { entryLabel, finding, type LintFinding } from './lint-finding';

/**
 * Checks of one entry against what Kakao shows: the answer card is a textCard whose title and description
 * share 400 characters (see `answerReply`), so a longer answer is cut to an excerpt and the rest is only on
 * the answer page behind "전체 답변 보기"; and links must open on a user's phone.
 */
export function checkEntryPresentation(entry: FaqEntry): LintFinding[] {
  const findings: LintFinding[] = [];
  const titleLength = charLength(entry.question);
  if (titleLength > KAKAO_LIMITS.textCard.title) {
    findings.push(
      finding(
        'warning',
        'question-too-long',
        `${entryLabel(entry)}: the question has ${titleLength} characters; a card title shows ${KAKAO_LIMITS.textCard.title}`,
        [entry.id],
      ),
    );
  }
  const room = KAKAO_LIMITS.textCard.description - Math.min(titleLength, KAKAO_LIMITS.textCard.title);
  const answerLength = charLength(entry.answer);
  if (answerLength > room) {
    const shown = charLength(excerpt(entry.answer, room));
    findings.push(
      finding(
        'warning',
        'answer-too-long',
        `${entryLabel(entry)}: the answer has ${answerLength} characters; the card shows ${shown} and the rest only on ` +
          `the answer page${entry.landingUrl ? '' : ' (and the entry has no landingUrl of its own)'}`,
        [entry.id],
      ),
    );
  }
  for (const field of ['landingUrl', 'imageUrl'] as const) {
    const url = entry[field];
    const problem = url === undefined ? undefined : unreachableFromPhone(url);
    if (problem) findings.push(finding('warning', 'broken-url', `${entryLabel(entry)}: ${field} ${url} ${problem}`, [entry.id]));
  }
  return findings;
}

/** Why users could not open the URL, or undefined if it looks fine. The schema already checked its shape. */
function unreachableFromPhone(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'cannot be parsed';
  }
  const bare = host.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return 'points at a local machine';
  if (isIP(bare) !== 0) return isPrivateAddress(bare) ? 'points at a private address' : undefined;
  if (!host.includes('.')) return `has no domain (host "${host}")`;
  return undefined;
}

function isPrivateAddress(ip: string): boolean {
  return /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.)/.test(ip) || ip === '::1' || /^f[cd]/i.test(ip);
}
