import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Which FAQ sets one server serves, and which Kakao bot gets which. Read from `FAQ_SETS_FILE`:
 *
 * ```json
 * {
 *   "defaultSet": "kakao-help",
 *   "sets": {
 *     "kakao-help": { "faqFile": "faq.json" },
 *     "shop": { "faqFile": "shop/faq.json", "synonymsFile": "shop/synonyms.json", "botIds": ["5f3f34ed4fbf5200015f06d7"] }
 *   }
 * }
 * ```
 *
 * Paths are relative to the sets file. A set without `synonymsFile` uses `SYNONYMS_FILE`. A bot id may
 * belong to one set only; bots in no set get `defaultSet`.
 */

/** Set names appear in logs, in `data.faqSet` and in answer-page URLs (`?set=`). */
export const FAQ_SET_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** The name of the only set when no sets file is configured. */
export const DEFAULT_SET_NAME = 'default';

const SET_NAME_RULE = 'must be 1-40 characters of a-z 0-9 _ - (it appears in URLs and logs)';
const setName = z.string().regex(FAQ_SET_NAME, SET_NAME_RULE);

const FaqSetsFileSchema = z
  .strictObject({
    defaultSet: setName,
    sets: z.record(
      setName,
      z.strictObject({
        faqFile: z.string().min(1),
        synonymsFile: z.string().min(1).optional(),
        botIds: z.array(z.string().min(1)).default([]),
      }),
      // zod's own message for a bad record key is "Invalid key in record"
      { error: (issue) => (issue.code === 'invalid_key' ? SET_NAME_RULE : undefined) },
    ),
  })
  .superRefine((file, ctx) => {
    if (!(file.defaultSet in file.sets)) {
      ctx.addIssue({ code: 'custom', path: ['defaultSet'], message: `names no set (sets: ${Object.keys(file.sets).join(', ') || 'none'})` });
    }
    const owner = new Map<string, string>();
    for (const [name, set] of Object.entries(file.sets)) {
      set.botIds.forEach((botId, i) => {
        const first = owner.get(botId);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: ['sets', name, 'botIds', i], message: `bot ${botId} is already mapped to set "${first}"` });
        } else {
          owner.set(botId, name);
        }
      });
    }
  });

/** One set: its data files (absolute paths) and the bots that get it. */
export interface FaqSetDefinition {
  name: string;
  faqFile: string;
  synonymsFile: string;
  botIds: readonly string[];
}

/** Every set the server serves and the name of the one unmapped bots get. */
export interface FaqSetsLayout {
  defaultSet: string;
  /** The default set first. */
  sets: readonly FaqSetDefinition[];
}

/** A sets file that is missing or wrong. Startup stops on it: serving the wrong FAQ to a channel is worse. */
export class FaqSetsFileError extends Error {
  override readonly name = 'FaqSetsFileError';
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`FAQ sets file ${file} is not usable:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The layout without a sets file: one set, "default", from `FAQ_FILE` and `SYNONYMS_FILE`. */
export function singleSetLayout(files: { faqFile: string; synonymsFile: string }): FaqSetsLayout {
  return { defaultSet: DEFAULT_SET_NAME, sets: [{ name: DEFAULT_SET_NAME, ...files, botIds: [] }] };
}

/**
 * The layout the configuration asks for: the sets file when `faqSetsFile` is set (a missing or invalid
 * file throws {@link FaqSetsFileError}), else {@link singleSetLayout}.
 */
export async function resolveFaqSets(config: {
  faqSetsFile: string | undefined;
  faqFile: string;
  synonymsFile: string;
}): Promise<FaqSetsLayout> {
  if (config.faqSetsFile === undefined) return singleSetLayout(config);
  let text: string;
  try {
    text = await readFile(config.faqSetsFile, 'utf8');
  } catch (error) {
    throw new FaqSetsFileError(config.faqSetsFile, [`cannot read: ${(error as Error).message}`]);
  }
  return parseFaqSetsFile(text, config.faqSetsFile, config.synonymsFile);
}

/** Parses the text of a sets file. Throws {@link FaqSetsFileError} naming each problem by path. */
export function parseFaqSetsFile(text: string, file: string, defaultSynonymsFile: string): FaqSetsLayout {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FaqSetsFileError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const result = FaqSetsFileSchema.safeParse(json);
  if (!result.success) {
    throw new FaqSetsFileError(
      file,
      result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`),
    );
  }
  const dir = path.dirname(path.resolve(file));
  const sets = Object.entries(result.data.sets).map(([name, set]) => ({
    name,
    faqFile: path.resolve(dir, set.faqFile),
    synonymsFile: set.synonymsFile === undefined ? defaultSynonymsFile : path.resolve(dir, set.synonymsFile),
    botIds: set.botIds,
  }));
  const defaultSet = result.data.defaultSet;
  return { defaultSet, sets: [...sets.filter((s) => s.name === defaultSet), ...sets.filter((s) => s.name !== defaultSet)] };
}
