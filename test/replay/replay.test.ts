import { loadFixtures, PAYLOADS_DIR, type LoadedFixture } from '../../src/cli/replay/fixture';
import { formatFailure } from '../../src/cli/replay/report';
import { replayFixture } from '../../src/cli/replay/runner';
import { localTransport, type Transport } from '../../src/cli/replay/transport';

// Read at collection time so each fixture is its own test, named after its file.
const loads = loadFixtures([PAYLOADS_DIR]);
const fixtures = loads.filter((l) => l.ok).map((l) => l.value as LoadedFixture);

let transport: Transport;
beforeAll(async () => {
  transport = await localTransport();
});
afterAll(async () => {
  await transport.close();
});

describe('every payload fixture replays green in-process', () => {
  it('every fixture file is valid', () => {
    const invalid = loads.flatMap((l) => (l.ok ? [] : [`${l.value.name}: ${l.value.problems.join('; ')}`]));
    expect(invalid).toEqual([]);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const result = await replayFixture(fixture, transport);
    // The failure text is what `npm run replay` prints, so a red test reads like a red replay.
    expect(result.verdict === 'pass' ? '' : formatFailure(result)).toBe('');
  });
});

/** Kakao's odd payloads the suite must keep covering (issue #6), checked on the requests themselves. */
const get = (value: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), value);

const REQUIRED_CASES: [string, (request: unknown) => boolean][] = [
  ['a 지식+ match under intent.extra.knowledge', (r) => Array.isArray(get(r, 'intent.extra.knowledge.matchedKnowledges'))],
  ['a 지식+ match under intent.extra.knowledges', (r) => Array.isArray(get(r, 'intent.extra.knowledges.matchedKnowledges'))],
  ['a callback-enabled block (callbackUrl)', (r) => typeof get(r, 'userRequest.callbackUrl') === 'string'],
  ['a button clientExtra with faqId', (r) => typeof get(r, 'action.clientExtra.faqId') === 'string'],
  ['a button clientExtra with browse', (r) => Array.isArray(get(r, 'action.clientExtra.browse'))],
  ['a button clientExtra with page', (r) => typeof get(r, 'action.clientExtra.page') === 'number'],
  ['a button clientExtra with rephrase', (r) => get(r, 'action.clientExtra.rephrase') === true],
  ['clientExtra null', (r) => get(r, 'action.clientExtra') === null],
  ['a context with lower-case lifespan', (r) => (get(r, 'contexts') as unknown[] | undefined)?.some((c) => typeof get(c, 'lifespan') === 'number') ?? false],
  ['a context param as {value, resolvedValue}', (r) => JSON.stringify(get(r, 'contexts') ?? null).includes('"resolvedValue"')],
  ['legacy lang "kr"', (r) => get(r, 'userRequest.lang') === 'kr'],
  ['legacy user.type "talk_user_id"', (r) => get(r, 'userRequest.user.type') === 'talk_user_id'],
  ['legacy user.type "accountId"', (r) => get(r, 'userRequest.user.type') === 'accountId'],
  ['no flow', (r) => typeof r === 'object' && r !== null && !Array.isArray(r) && get(r, 'flow') === undefined && get(r, 'userRequest') !== undefined],
  ['no contexts', (r) => typeof r === 'object' && r !== null && !Array.isArray(r) && get(r, 'contexts') === undefined && get(r, 'userRequest') !== undefined],
  ['the admin test chat (BuilderBotTest)', (r) => get(r, 'userRequest.params.surface') === 'BuilderBotTest'],
  ['an utterance of 900+ characters', (r) => [...String(get(r, 'userRequest.utterance') ?? '')].length >= 900],
  ['an emoji-only utterance', (r) => /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)+$/u.test(String(get(r, 'userRequest.utterance') ?? ''))],
  ['an utterance that is not a string', (r) => get(r, 'userRequest') !== undefined && typeof get(r, 'userRequest.utterance') !== 'string'],
];

describe('the fixture suite covers what Kakao sends', () => {
  it('has at least 40 fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
  });

  it('expects every outcome the FAQ skill and the edge reply with', () => {
    const outcomes = new Set(fixtures.map((f) => f.fixture.expect.outcome));
    for (const outcome of ['answer', 'clarify', 'fallback', 'browse', 'error', 'timeout']) expect([...outcomes]).toContain(outcome);
  });

  it('expects bad input to be rejected with 400', () => {
    expect(fixtures.some((f) => f.fixture.expect.status === 400)).toBe(true);
  });

  it.each(REQUIRED_CASES)('includes %s', (_label, matches) => {
    expect(fixtures.filter((f) => matches(f.fixture.request)).map((f) => f.name)).not.toEqual([]);
  });
});
