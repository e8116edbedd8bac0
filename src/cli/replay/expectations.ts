/**
 * Checking a response against a fixture's `expect`, field by field, and deriving a first `expect`
 * from a response (for `npm run fixture -- new`). Every mismatch says what was expected and what came.
 */
import { z } from 'zod';
import { SkillResponseSchema } from '../../kakao';
import type { Expectations, ListRule } from './fixture';
import { compactJson } from './json-diff';
import { answerPagePath, urlPath, viewResponse, type ResponseView } from './response-view';

export interface Mismatch {
  /** The `expect` key (or "response" / "snapshot"). */
  field: string;
  expected: string;
  actual: string;
}

const show = (v: unknown) => (v === undefined ? '(none)' : compactJson(v, 120));
const list = (items: readonly string[]) => (items.length ? items.map((i) => JSON.stringify(i)).join(', ') : '(none)');

/** An item of a checked list: matched by any of its names, shown by `display`. */
export interface ListItem {
  names: readonly string[];
  display: string;
}

/** Compares a list against a contains / exact / excludes rule; returns what is wrong, or nothing. */
export function checkList(field: string, rule: ListRule, actual: readonly (string | ListItem)[]): Mismatch[] {
  const items = actual.map((a) => (typeof a === 'string' ? { names: [a], display: JSON.stringify(a) } : a));
  const shown = items.length ? items.map((i) => i.display).join(', ') : '(none)';
  const matches = (want: string, item: ListItem) => item.names.includes(want);
  const has = (want: string) => items.some((item) => matches(want, item));
  const out: Mismatch[] = [];
  if (rule.exact) {
    const same = rule.exact.length === items.length && rule.exact.every((want, i) => matches(want, items[i]!));
    if (!same) out.push({ field: `${field}.exact`, expected: list(rule.exact), actual: shown });
  }
  const missing = (rule.contains ?? []).filter((want) => !has(want));
  if (missing.length) out.push({ field: `${field}.contains`, expected: `${list(missing)} among them`, actual: shown });
  const present = (rule.excludes ?? []).filter(has);
  if (present.length) out.push({ field: `${field}.excludes`, expected: `no ${list(present)}`, actual: shown });
  return out;
}

/** True when every key of `subset` is in `value` with an equal value (arrays: item by item, prefix). */
export function isDeepSubset(subset: unknown, value: unknown): boolean {
  if (Array.isArray(subset)) {
    return Array.isArray(value) && subset.length <= value.length && subset.every((item, i) => isDeepSubset(item, value[i]));
  }
  if (typeof subset === 'object' && subset !== null) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    return Object.entries(subset).every(([k, v]) => k in value && isDeepSubset(v, (value as Record<string, unknown>)[k]));
  }
  return Object.is(subset, value);
}

export interface Exchange {
  status: number;
  body: unknown;
}

/** Every way the response misses the expectations; empty when it meets them. */
export function checkExpectations(expect: Expectations, { status, body }: Exchange): Mismatch[] {
  const view = viewResponse(body);
  if (status !== expect.status) {
    const detail = view.error ? ` ${view.error.code ?? ''}: ${firstLine(view.error.message ?? '')}` : view.outcome ? ` (outcome ${view.outcome})` : '';
    // Nothing else is worth comparing on the wrong status: it would only repeat the same problem.
    return [{ field: 'status', expected: String(expect.status), actual: `${status}${detail}` }];
  }
  const out: Mismatch[] = [];
  if (status === 200) {
    const parsed = SkillResponseSchema.safeParse(body);
    if (!parsed.success) out.push({ field: 'response', expected: 'a valid Kakao SkillResponse', actual: z.prettifyError(parsed.error).replace(/\n\s*/g, ' ') });
  }
  const equal = (field: string, want: unknown, got: unknown) => {
    if (want !== undefined && !Object.is(want, got)) out.push({ field, expected: show(want), actual: show(got) });
  };
  equal('outcome', expect.outcome, view.outcome);
  equal('faqId', expect.faqId, view.data['faqId']);
  equal('question', expect.question, view.data['question']);
  if (expect.candidates) {
    const items = view.candidates.map((c) => ({
      names: [c.faqId, c.question].filter((n): n is string => n !== undefined),
      display: `${c.faqId ?? '?'} ${JSON.stringify(clipForDisplay(c.question ?? '', 30))}`,
    }));
    out.push(...checkList('candidates', expect.candidates, items));
  }
  if (expect.outputTypes) {
    const rule = Array.isArray(expect.outputTypes) ? { exact: expect.outputTypes } : expect.outputTypes;
    out.push(...checkList('outputTypes', rule, view.outputTypes));
  }
  if (expect.cardTitle !== undefined && !view.cardTitles.includes(expect.cardTitle)) {
    out.push({ field: 'cardTitle', expected: JSON.stringify(expect.cardTitle), actual: `card titles ${list(view.cardTitles)}` });
  }
  if (expect.textContains !== undefined) {
    const wanted = Array.isArray(expect.textContains) ? expect.textContains : [expect.textContains];
    for (const text of wanted.filter((t) => !view.texts.some((got) => got.includes(t)))) {
      out.push({ field: 'textContains', expected: `a bubble containing ${JSON.stringify(text)}`, actual: list(view.texts.map(clipForDisplay)) });
    }
  }
  if (expect.quickReplies) out.push(...checkList('quickReplies', expect.quickReplies, view.quickReplyLabels));
  if (expect.answerPageButton !== undefined) out.push(...checkAnswerPageButton(expect.answerPageButton, expect.faqId, view));
  if (expect.data !== undefined) {
    for (const [key, want] of Object.entries(expect.data)) {
      if (!isDeepSubset(want, view.data[key])) out.push({ field: `data.${key}`, expected: show(want), actual: show(view.data[key]) });
    }
  }
  if (expect.error) {
    equal('error.code', expect.error.code, view.error?.code);
    equal('error.path', expect.error.path, view.error?.path);
  }
  return out;
}

function checkAnswerPageButton(wanted: boolean, expectedFaqId: string | undefined, view: ResponseView): Mismatch[] {
  const faqId = expectedFaqId ?? (typeof view.data['faqId'] === 'string' ? view.data['faqId'] : undefined);
  const links = view.buttons.filter((b) => b.action === 'webLink' && b.webLinkUrl !== undefined);
  const opensAnswerPage = (url: string) => {
    const pathname = urlPath(url) ?? '';
    return faqId === undefined ? /\/faq\/[^/]+$/.test(pathname) : pathname.endsWith(answerPagePath(faqId));
  };
  const found = links.some((b) => opensAnswerPage(b.webLinkUrl!));
  if (found === wanted) return [];
  const target = faqId === undefined ? '/faq/<id>' : answerPagePath(faqId);
  const actual = `link buttons ${list(links.map((b) => `${b.label ?? ''} → ${b.webLinkUrl}`))}`;
  return [{ field: 'answerPageButton', expected: wanted ? `a button opening ${target}` : `no button opening ${target}`, actual }];
}

function firstLine(text: string): string {
  return clipForDisplay(text.split('\n')[0] ?? '');
}

function clipForDisplay(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/**
 * A first `expect` from a response, for a tester to review: the status, and for a 200 the outcome,
 * the answered entry, the best clarify candidate and the output types; for a 4xx the error code.
 */
export function deriveExpectations({ status, body }: Exchange): Record<string, unknown> {
  const view = viewResponse(body);
  if (status !== 200) {
    return { status, ...(view.error?.code ? { error: { code: view.error.code, ...(view.error.path ? { path: view.error.path } : {}) } } : {}) };
  }
  const faqId = typeof view.data['faqId'] === 'string' ? view.data['faqId'] : undefined;
  const question = typeof view.data['question'] === 'string' ? view.data['question'] : undefined;
  const [topCandidate] = view.candidates;
  return {
    ...(view.outcome ? { outcome: view.outcome } : {}),
    ...(faqId ? { faqId } : {}),
    ...(question ? { question } : {}),
    ...(view.outcome === 'clarify' && topCandidate?.faqId ? { candidates: { contains: [topCandidate.faqId] } } : {}),
    ...(view.outputTypes.length ? { outputTypes: view.outputTypes } : {}),
    ...(faqId && checkAnswerPageButton(true, faqId, view).length === 0 ? { answerPageButton: true } : {}),
  };
}
