/** Plain-text tables (Korean-aware column widths) and CSV rows for a {@link Report}. */
import { stringify } from 'csv-stringify/sync';
import type { Report, UtteranceGroup } from './build-report';

/** Columns a character takes in a terminal: Hangul, CJK and full-width forms take two. */
function charWidth(codePoint: number): number {
  if (codePoint < 0x1100) return 1;
  const wide =
    codePoint <= 0x115f || // Hangul Jamo initials
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) || // CJK, Hangul compatibility jamo, …
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff); // emoji
  return wide ? 2 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** Cuts text to at most `max` columns, ending with "…" when cut; newlines become spaces. */
export function fit(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  if (displayWidth(flat) <= max) return flat;
  let out = '';
  let width = 0;
  for (const ch of flat) {
    const w = charWidth(ch.codePointAt(0)!);
    if (width + w > max - 1) break;
    out += ch;
    width += w;
  }
  return `${out}…`;
}

const pad = (text: string, width: number, right: boolean) => {
  const gap = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? gap + text : text + gap;
};

/** A table with a header rule; numeric-looking columns are right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^[\d.,%-]*$/.test(r[i] ?? '')));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!, numeric[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const day = (t: number | undefined) => (t === undefined ? '-' : new Date(t).toISOString().slice(0, 16).replace('T', ' '));

function groupTable(groups: readonly UtteranceGroup[], withPicks: boolean, questionOf: (id: string) => string | undefined): string {
  if (groups.length === 0) return '  (none)';
  const headers = ['#', 'count', 'users', 'example', 'normalised', 'last seen (UTC)'];
  if (withPicks) headers.push('picked next');
  const rows = groups.map((g, i) => {
    const row = [String(i + 1), String(g.count), String(g.users), fit(g.example, 36), fit(g.normalized, 30), day(g.lastSeen)];
    if (withPicks) row.push(g.picked ? `${fit(questionOf(g.picked.faqId) ?? g.picked.faqId, 28)} ×${g.picked.count}` : '-');
    return row;
  });
  return indent(table(headers, rows));
}

const indent = (text: string) => text.split('\n').map((l) => `  ${l}`).join('\n');

/** The report as the terminal shows it. `questionOf` names FAQ ids when the FAQ file is known. */
export function formatReport(report: Report, options: { questionOf?: (id: string) => string | undefined; faqRows?: number } = {}): string {
  const questionOf = options.questionOf ?? (() => undefined);
  const out: string[] = [];
  out.push(`Skill calls ${day(report.from)} – ${day(report.to)} UTC: ${report.calls} calls, ${report.users} users`);
  out.push('');
  out.push(
    indent(
      table(
        ['typed questions', 'answered', 'clarify', 'fallback', 'errors', 'rate-limited', 'clarify → picked'],
        [[
          String(report.questions),
          `${report.answered} (${pct(report.answerRate)})`,
          `${report.clarified} (${pct(report.clarifyRate)})`,
          `${report.fellBack} (${pct(report.fallbackRate)})`,
          String(report.failed),
          String(report.rateLimited),
          pct(report.clarifyResolvedRate),
        ]],
      ),
    ),
  );
  if (!report.utterancesLogged && report.calls > 0) {
    out.push('', '  Utterances were not logged (LOG_UTTERANCES=false): the tables below cannot group questions.');
  }
  out.push('', `Top unanswered questions (fallback) — candidates for new FAQ entries`, groupTable(report.unanswered, false, questionOf));
  out.push('', `Top clarify-heavy questions — entries that look alike to users`, groupTable(report.clarifyHeavy, true, questionOf));

  const faqs = report.faqs.slice(0, options.faqRows ?? 30);
  out.push('', `FAQ entries: answers and feedback (${report.feedback.up} 👍 / ${report.feedback.down} 👎 in all)`);
  out.push(
    faqs.length === 0
      ? '  (none)'
      : indent(
          table(
            ['faqId', 'question', 'answered', 'via button', '👍', '👎', 'helpful'],
            faqs.map((f) => [
              f.faqId,
              fit(questionOf(f.faqId) ?? '', 36),
              String(f.answered),
              String(f.viaButton),
              String(f.up),
              String(f.down),
              f.up + f.down === 0 ? '-' : pct(f.up / (f.up + f.down)),
            ]),
          ),
        ),
  );
  if (report.faqs.length > faqs.length) out.push(`  … and ${report.faqs.length - faqs.length} more entries (see --csv)`);
  return out.join('\n');
}

/** CSV of the grouped utterances (both tables) and the per-FAQ rows, one `kind` column to tell them apart. */
export function reportCsv(report: Report, questionOf: (id: string) => string | undefined = () => undefined): string {
  const header = ['kind', 'normalized', 'count', 'users', 'example', 'lastSeen', 'pickedFaqId', 'pickedCount', 'faqId', 'question', 'answered', 'viaButton', 'up', 'down'];
  const group = (kind: string) => (g: UtteranceGroup) => [
    kind, g.normalized, g.count, g.users, g.example, new Date(g.lastSeen).toISOString(), g.picked?.faqId ?? '', g.picked?.count ?? '', '', '', '', '', '', '',
  ];
  const rows = [
    ...report.unanswered.map(group('unanswered')),
    ...report.clarifyHeavy.map(group('clarify')),
    ...report.faqs.map((f) => ['faq', '', '', '', '', '', '', '', f.faqId, questionOf(f.faqId) ?? '', f.answered, f.viaButton, f.up, f.down]),
  ];
  return stringify([header, ...rows]);
}
