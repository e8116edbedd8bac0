import path from 'node:path';
import { loadFixtures, PAYLOADS_DIR, type LoadedFixture } from '../../src/cli/replay/fixture';

/**
 * test/fixtures/payloads/lenient/ holds one fixture per payload shape issue 12 §1 found answered with 400
 * (test/replay/replay.test.ts replays them with every other fixture). This test keeps each shape there, and
 * keeps each one expecting a 200 with a real outcome, not just any reply.
 */
const loads = loadFixtures([path.join(PAYLOADS_DIR, 'lenient')]);
const fixtures = loads.filter((l) => l.ok).map((l) => l.value as LoadedFixture);

const get = (value: unknown, at: string): unknown =>
  at.split('.').reduce<unknown>((v, key) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined), value);
const isNumber = (at: string) => (r: unknown) => typeof get(r, at) === 'number';
const is = (at: string, wanted: unknown) => (r: unknown) => JSON.stringify(get(r, at)) === JSON.stringify(wanted);
const someContext = (test: (context: unknown) => boolean) => (r: unknown) => {
  const contexts = get(r, 'contexts');
  return Array.isArray(contexts) && contexts.some(test);
};
const someDetailParam = (test: (entry: unknown) => boolean) => (r: unknown) => {
  const detail = get(r, 'action.detailParams');
  return typeof detail === 'object' && detail !== null && Object.values(detail).some(test);
};

const SHAPES: [string, (request: unknown) => boolean][] = [
  ['clientExtra "null"', is('action.clientExtra', 'null')],
  ['clientExtra ""', is('action.clientExtra', '')],
  ['clientExtra "{}"', is('action.clientExtra', '{}')],
  ['clientExtra []', is('action.clientExtra', [])],
  ['clientExtra as a JSON-object string with a faqId', (r) => /^\{"faqId":"faq-/.test(String(get(r, 'action.clientExtra')))],
  ...['action.params', 'action.detailParams', 'userRequest.params'].flatMap((at): [string, (r: unknown) => boolean][] => [
    [`${at} "null"`, is(at, 'null')],
    [`${at} []`, is(at, [])],
  ]),
  ...['userRequest.user.id', 'userRequest.user.properties.appUserId', 'userRequest.user.properties.plusfriendUserKey', 'userRequest.user.properties.botUserKey']
    .concat(['bot.id', 'intent.id', 'action.id', 'userRequest.block.id', 'userRequest.timezone', 'userRequest.lang'])
    .map((at): [string, (r: unknown) => boolean] => [`numeric ${at}`, isNumber(at)]),
  ['intent.extra.reason.code "1"', is('intent.extra.reason.code', '1')],
  ['contexts[].lifespan "5"', someContext((c) => get(c, 'lifespan') === '5')],
  ['contexts[].ttl "600"', someContext((c) => get(c, 'ttl') === '600')],
  ['contexts [null]', someContext((c) => c === null)],
  ['an array as a context param', someContext((c) => Object.values((get(c, 'params') as object | undefined) ?? {}).some(Array.isArray))],
  ['a detailParams entry that is a string', someDetailParam((d) => typeof d === 'string')],
  ['groupName: 0', someDetailParam((d) => get(d, 'groupName') === 0)],
  ...['intent', 'bot', 'flow', 'userRequest.block'].map((at): [string, (r: unknown) => boolean] => [`${at} "null"`, is(at, 'null')]),
];

describe('the lenient payload fixtures', () => {
  it('are all valid fixtures expecting a 200 with an outcome', () => {
    expect(loads.filter((l) => !l.ok).map((l) => l.value.name)).toEqual([]);
    for (const { name, fixture } of fixtures) {
      expect([name, fixture.expect.status, fixture.expect.outcome]).toEqual([name, 200, expect.any(String)]);
    }
  });

  it.each(SHAPES)('include %s', (_shape, matches) => {
    expect(fixtures.filter((f) => matches(f.fixture.request)).map((f) => f.name)).not.toEqual([]);
  });

  it('answer the typed question when clientExtra is "null", as the skill-test panel sends it', () => {
    const fixture = fixtures.find((f) => get(f.fixture.request, 'action.clientExtra') === 'null');
    expect(fixture?.fixture.expect).toMatchObject({ outcome: 'answer', faqId: expect.any(String) });
  });
});
