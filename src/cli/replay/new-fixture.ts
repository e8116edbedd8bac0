/**
 * Writing fixtures so testers never hand-write a payload: a realistic request for an utterance, or
 * the request found in a log line, replayed once to fill a first `expect` for the tester to review.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { romanize } from 'es-hangul';
import { kakaoPayload, type KakaoPayloadOptions, madeUpUserKeys } from '../../../test/harness';
import { deriveExpectations } from './expectations';
import type { Delivery } from './transport';

/** Keys issue #4 adds to every reply's data; they change with the FAQ data, so snapshots skip them. */
export const DEFAULT_SNAPSHOT_IGNORE = ['data.faqVersion', 'data.faqSet'];

export interface NewRequestOptions {
  clientExtra?: Record<string, unknown>;
  /** `id` or `id:name`. */
  bot?: string;
  blockName?: string;
  triggerType?: string;
  surface?: string;
}

/** A realistic SkillPayload for a typed utterance (or a button, when `clientExtra` is given), with fresh user keys. */
export function newRequest(utterance: string, options: NewRequestOptions = {}): Record<string, unknown> {
  const [botId, ...botName] = (options.bot ?? '').split(':');
  const payloadOptions: KakaoPayloadOptions = {
    ...madeUpUserKeys(),
    // A button's extra comes back with the button's trigger type; typing has none.
    triggerType: options.triggerType ?? (options.clientExtra ? 'CARD_BUTTON_MESSAGE' : 'TEXT_INPUT'),
    ...(options.clientExtra ? { clientExtra: options.clientExtra } : {}),
    ...(botId ? { botId } : {}),
    ...(botName.length ? { botName: botName.join(':') } : {}),
    ...(options.blockName ? { blockName: options.blockName } : {}),
    ...(options.surface ? { surface: options.surface } : {}),
  };
  return kakaoPayload(utterance, payloadOptions);
}

export interface FixtureDraft {
  description: string;
  request: unknown;
  expect: Record<string, unknown>;
  snapshot?: unknown;
  ignore?: string[];
}

/** A fixture whose `expect` is read off the response the server gave (to be reviewed, not trusted). */
export function draftFixture(description: string, request: unknown, delivery: Delivery, options: { snapshot?: boolean } = {}): FixtureDraft {
  if (delivery.status === undefined) {
    const why = delivery.attempts.map((a) => a.problem).join('; ');
    throw new Error(`the server gave no response, so no expectations could be read (${why})`);
  }
  const draft: FixtureDraft = { description, request, expect: deriveExpectations({ status: delivery.status, body: delivery.body }) };
  if (options.snapshot) {
    draft.snapshot = delivery.body;
    draft.ignore = delivery.status === 200 ? [...DEFAULT_SNAPSHOT_IGNORE] : ['error.requestId'];
  }
  return draft;
}

/** The flow folder a draft goes to when none is named: its outcome, or "invalid" for a 4xx. */
export function defaultFlow(draft: FixtureDraft): string {
  const { status, outcome } = draft.expect as { status?: number; outcome?: string };
  if (status !== undefined && status !== 200) return 'invalid';
  return outcome ?? 'misc';
}

/**
 * A readable, deterministic case name: the first words of the utterance with Hangul romanised
 * ("환불 계좌 등록" → `hwanbul-gyejwa-deungnok-…`), then a short hash of the utterance and the button's
 * `clientExtra`, so the same case always gets the same name (writing it twice says it exists) and two
 * buttons with one label do not collide. The user keys, fresh for every draft, are left out of the hash.
 */
export function defaultCaseName(utterance: string, request: unknown): string {
  const action = isObject(request) && isObject(request['action']) ? request['action'] : {};
  const hash = createHash('sha1').update(JSON.stringify([utterance, action['clientExtra'] ?? null])).digest('hex').slice(0, 6);
  const words = romanize(utterance.normalize('NFC')).toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const slug = words.slice(0, 5).join('-').slice(0, 40).replace(/-+$/, '');
  return `${slug || 'case'}-${hash}`;
}

const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Writes `<dir>/<flow>/<name>.json`; refuses to overwrite unless `force`. Returns the path. */
export function writeFixture(dir: string, flow: string, name: string, draft: FixtureDraft, options: { force?: boolean } = {}): string {
  for (const [what, value] of [['flow', flow], ['name', name]] as const) {
    if (!SAFE_SEGMENT.test(value)) throw new Error(`${what} "${value}" must be letters, digits, ".", "_" or "-"`);
  }
  const file = path.join(dir, flow, `${name}.json`);
  if (existsSync(file) && !options.force) throw new Error(`${file} exists; pick another --name or pass --force`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(draft, null, 2)}\n`);
  return file;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys a logger typically puts the request body under, tried first. */
const BODY_KEYS = ['body', 'payload', 'request', 'req', 'data', 'skillPayload'];

/** Finds a SkillPayload (an object with `userRequest`) in a logged value, a few levels deep; strings holding JSON are opened. */
export function findPayload(value: unknown, depth = 4): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (!trimmed.startsWith('{')) return undefined;
    try {
      return findPayload(JSON.parse(trimmed), depth);
    } catch {
      return undefined;
    }
  }
  if (!isObject(value)) return undefined;
  if (isObject(value['userRequest'])) return value;
  if (depth === 0) return undefined;
  const keys = [...BODY_KEYS.filter((k) => k in value), ...Object.keys(value).filter((k) => !BODY_KEYS.includes(k))];
  for (const key of keys) {
    const found = findPayload(value[key], depth - 1);
    if (found) return found;
  }
  return undefined;
}

export interface LoggedRequest {
  line: number;
  request: Record<string, unknown>;
}

/** Every logged SkillPayload in a log (one JSON value per line), and the lines that held none. */
export function requestsFromLog(text: string): { requests: LoggedRequest[]; skipped: { line: number; reason: string }[] } {
  const requests: LoggedRequest[] = [];
  const skipped: { line: number; reason: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.push({ line: i + 1, reason: 'not a JSON line' });
      return;
    }
    const request = findPayload(value);
    if (request) requests.push({ line: i + 1, request });
    else skipped.push({ line: i + 1, reason: 'no request body with userRequest in it' });
  });
  return { requests, skipped };
}

/**
 * A logged request with the real person's keys replaced by made-up ones (fixtures are committed),
 * and a one-time callbackUrl replaced by a dummy. Returns the copy and the paths it changed.
 */
export function anonymizeRequest(request: Record<string, unknown>): { request: Record<string, unknown>; replaced: string[] } {
  const copy = structuredClone(request);
  const replaced: string[] = [];
  const keys = madeUpUserKeys();
  const userRequest = copy['userRequest'] as Record<string, unknown>;
  const user = isObject(userRequest['user']) ? userRequest['user'] : undefined;
  if (user && typeof user['id'] === 'string') {
    user['id'] = keys.userId;
    replaced.push('userRequest.user.id');
  }
  const properties = user && isObject(user['properties']) ? user['properties'] : {};
  const fakes: Record<string, string> = {
    plusfriendUserKey: keys.plusfriendUserKey,
    plusfriend_user_key: keys.plusfriendUserKey,
    botUserKey: keys.userId,
    bot_user_key: keys.userId,
    appUserId: '1000000001',
    app_user_id: '1000000001',
  };
  for (const [key, fake] of Object.entries(fakes)) {
    if (typeof properties[key] === 'string') {
      properties[key] = fake;
      replaced.push(`userRequest.user.properties.${key}`);
    }
  }
  if (typeof userRequest['callbackUrl'] === 'string') {
    userRequest['callbackUrl'] = 'https://bot-api.kakao.com/v1/callback/replay-fixture-made-up';
    replaced.push('userRequest.callbackUrl');
  }
  return { request: copy, replaced };
}

/** The utterance of a request, for descriptions and names ("" when there is none). */
export function utteranceOf(request: unknown): string {
  const userRequest = isObject(request) && isObject(request['userRequest']) ? request['userRequest'] : {};
  return typeof userRequest['utterance'] === 'string' ? userRequest['utterance'] : '';
}
