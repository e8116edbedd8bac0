/**
 * Payload fixtures: one JSON file per case under `test/fixtures/payloads/<flow>/<case>.json`, holding a
 * Kakao request and what a tester expects back. `npm run replay` and jest both read them through here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PAYLOADS_DIR = path.resolve(__dirname, '../../../test/fixtures/payloads');

/** Labels (or ids) that must appear: `contains` (others allowed), `exact` (all, in order), `excludes`. */
const ListRuleSchema = z
  .strictObject({
    contains: z.array(z.string()).optional(),
    exact: z.array(z.string()).optional(),
    excludes: z.array(z.string()).optional(),
  })
  .refine((r) => r.contains !== undefined || r.exact !== undefined || r.excludes !== undefined, {
    message: 'give at least one of contains, exact or excludes',
  });
export type ListRule = z.infer<typeof ListRuleSchema>;

/**
 * What a tester checks, every key optional: an empty `expect` still checks that the status is 200
 * and the body is a valid SkillResponse.
 */
export const ExpectSchema = z.strictObject({
  /** HTTP status; 200 unless said otherwise. */
  status: z.int().min(100).max(599).default(200),
  /** `data.outcome`: answer, clarify, fallback, browse, error, timeout. */
  outcome: z.string().min(1).optional(),
  /** `data.faqId` of the answered entry. */
  faqId: z.string().min(1).optional(),
  /** `data.question` of the answered entry. */
  question: z.string().min(1).optional(),
  /** The clarify candidates (`data.candidates`), each named by FAQ id or question. */
  candidates: ListRuleSchema.optional(),
  /** Output component types, e.g. ["simpleText", "carousel"]; an array means exactly these, in order. */
  outputTypes: z.union([z.array(z.string()).min(1), ListRuleSchema]).optional(),
  /** Some card in the reply (also inside a carousel; a listCard's header) has this title. */
  cardTitle: z.string().min(1).optional(),
  /** Some bubble text (simpleText, card description) contains this text, or each of these texts. */
  textContains: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  /** Quick reply labels. */
  quickReplies: ListRuleSchema.optional(),
  /** true: a webLink button opens the answer page `/faq/<faqId>`; false: no button does. */
  answerPageButton: z.boolean().optional(),
  /** These keys of `data` have these values (a deep subset: other keys and extra array items are ignored). */
  data: z.record(z.string(), z.unknown()).optional(),
  /** For a 4xx: the error body's `error.code` and `error.path`. */
  error: z.strictObject({ code: z.string().optional(), path: z.string().optional() }).optional(),
});
export type Expectations = z.infer<typeof ExpectSchema>;

export const FAULTS = ['skill-error', 'skill-timeout'] as const;
export type Fault = (typeof FAULTS)[number];

export const FixtureSchema = z.strictObject({
  description: z.string().min(1),
  /** The body Kakao POSTs (any JSON, so bad payloads can be tested too). */
  request: z.custom<unknown>((value) => value !== undefined, { message: 'required: the request body Kakao sends' }),
  expect: ExpectSchema,
  /** The whole expected response; `npm run replay -- --update` rewrites it. */
  snapshot: z.unknown().optional(),
  /** Paths left out of the snapshot comparison, e.g. "data.faqVersion", "template.quickReplies[*].extra". */
  ignore: z.array(z.string().min(1)).optional(),
  /**
   * In-process only: the skill fails this way, to show what the edge answers (outcome error / timeout).
   * Against a deployed server such a case is skipped.
   */
  fault: z.enum(FAULTS).optional(),
  tags: z.array(z.string()).optional(),
  $comment: z.string().optional(),
});
export type Fixture = z.infer<typeof FixtureSchema>;

export interface LoadedFixture {
  /** `<flow>/<case>`: the path below the payloads directory without `.json`. */
  name: string;
  file: string;
  fixture: Fixture;
  /** The parsed JSON as written (kept so `--update` changes only the snapshot). */
  raw: Record<string, unknown>;
}

export interface InvalidFixture {
  name: string;
  file: string;
  /** One line per problem: `expect.quickReplies.contains: expected array, received string`. */
  problems: string[];
}

export type FixtureLoad = { ok: true; value: LoadedFixture } | { ok: false; value: InvalidFixture };

/** Every `.json` file under the given files or directories, sorted; a path that does not exist throws. */
export function findFixtureFiles(paths: readonly string[]): string[] {
  const files = new Set<string>();
  const walk = (p: string) => {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new Error(`no such file or directory: ${p}`);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(p)) walk(path.join(p, entry));
    } else if (p.endsWith('.json')) {
      files.add(path.resolve(p));
    }
  };
  for (const p of paths) walk(p);
  return [...files].sort();
}

export function caseName(file: string, root = PAYLOADS_DIR): string {
  const inside = (p: string) => !p.startsWith('..') && !path.isAbsolute(p);
  const underRoot = path.relative(root, file);
  const underCwd = path.relative(process.cwd(), file);
  const name = inside(underRoot) ? underRoot : inside(underCwd) ? underCwd : path.resolve(file);
  return name.split(path.sep).join('/').replace(/\.json$/, '');
}

/** Reads and validates one fixture file; problems name the file's JSON path. */
export function loadFixture(file: string, root = PAYLOADS_DIR): FixtureLoad {
  const name = caseName(file, root);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, value: { name, file, problems: [`not valid JSON: ${(error as Error).message}`] } };
  }
  const parsed = FixtureSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length ? formatIssuePath(issue.path) : '(top level)'}: ${issue.message}`);
    return { ok: false, value: { name, file, problems } };
  }
  return { ok: true, value: { name, file, fixture: parsed.data, raw: raw as Record<string, unknown> } };
}

export function loadFixtures(paths: readonly string[], root = PAYLOADS_DIR): FixtureLoad[] {
  return findFixtureFiles(paths).map((file) => loadFixture(file, root));
}

function formatIssuePath(issuePath: readonly PropertyKey[]): string {
  return issuePath.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}
