import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SkillPayloadSchema } from '../../src/kakao';
import { MAX_EMBEDDED_JSON_DEPTH } from '../../src/kakao/payload-fields';

/** The contract's complete example (§1), converted from JSONC to JSON. */
const example = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/contract-example.json'), 'utf8')) as Record<string, unknown>;

type Json = Record<string, unknown>;

/** The example with `userRequest` fields replaced. */
function withUserRequest(fields: Json): Json {
  return { ...example, userRequest: { ...(example['userRequest'] as Json), ...fields } };
}

function withAction(fields: Json): Json {
  return { ...example, action: { ...(example['action'] as Json), ...fields } };
}

function rejectionText(body: unknown): string {
  const result = SkillPayloadSchema.safeParse(body);
  if (result.success) throw new Error('expected the payload to be rejected');
  return z.prettifyError(result.error);
}

describe('SkillPayloadSchema', () => {
  it('accepts the contract’s complete example and keeps its values', () => {
    const payload = SkillPayloadSchema.parse(example);
    expect(payload.userRequest.utterance).toBe('1 금요일 강남');
    expect(payload.userRequest.lang).toBe('ko');
    expect(payload.userRequest.user.properties.isFriend).toBe(true);
    expect(payload.action.params['sys_location']).toBe('강남');
    expect(payload.action.detailParams['sys_number']).toMatchObject({ origin: '1', groupName: '' });
    expect(payload.contexts[0]).toMatchObject({ name: 'ordering', lifespan: 4, ttl: 540 });
    expect(payload.flow?.trigger?.type).toBe('TEXT_INPUT');
    expect(payload.flow?.lastBlock?.name).toBe('웰컴 블록');
    expect(payload.userRequest.callbackUrl).toMatch(/^https:\/\/bot-api\.kakao\.com\//);
  });

  it('accepts lang "kr" from the callback guide and null lang', () => {
    expect(SkillPayloadSchema.parse(withUserRequest({ lang: 'kr' })).userRequest.lang).toBe('kr');
    expect(SkillPayloadSchema.parse(withUserRequest({ lang: null })).userRequest.lang).toBeUndefined();
  });

  it('normalises a null clientExtra to an empty object', () => {
    expect(SkillPayloadSchema.parse(withAction({ clientExtra: null })).action.clientExtra).toEqual({});
  });

  it('reads a 지식+ match under intent.extra.knowledge and under intent.extra.knowledges', () => {
    const knowledge = {
      categories: ['<카테고리 1>', '<카테고리 2>', null, ''],
      question: '환불은 언제 되나요?',
      answer: '영업일 기준 3일 이내에 환불됩니다.',
      landingUrl: null,
      imageUrl: 'https://img.example.com/k.png',
    };
    for (const key of ['knowledge', 'knowledges']) {
      const body = {
        ...example,
        intent: { id: 'x', name: '지식+', extra: { reason: { code: 1, message: 'OK' }, [key]: { responseType: 'skill', matchedKnowledges: [knowledge] } } },
      };
      const extra = SkillPayloadSchema.parse(body).intent?.extra;
      const matched = (key === 'knowledge' ? extra?.knowledge : extra?.knowledges)?.matchedKnowledges;
      expect(matched).toEqual([
        { categories: ['<카테고리 1>', '<카테고리 2>'], question: knowledge.question, answer: knowledge.answer, imageUrl: knowledge.imageUrl },
      ]);
    }
  });

  it('accepts contexts with lifespan or lifeSpan and params as objects or plain strings', () => {
    const contexts = [
      { name: 'a', lifespan: 3, params: { store: { value: '강남점', resolvedValue: '강남점' } } },
      { name: 'b', lifeSpan: 2, ttl: 60, params: { size: 'L' } },
      { name: 'c', params: null },
    ];
    const parsed = SkillPayloadSchema.parse({ ...example, contexts }).contexts;
    expect(parsed.map((c) => [c.name, c.lifespan ?? c.lifeSpan])).toEqual([['a', 3], ['b', 2], ['c', undefined]]);
    expect(parsed[1]?.params['size']).toBe('L');
    expect(parsed[2]?.params).toEqual({});
  });

  it('accepts legacy user types and a user without properties', () => {
    const body = withUserRequest({ user: { id: 'old-key', type: 'talk_user_id' } });
    const user = SkillPayloadSchema.parse(body).userRequest.user;
    expect(user).toMatchObject({ id: 'old-key', type: 'talk_user_id', properties: {} });
  });

  it('treats a non-boolean isFriend as absent rather than failing the request', () => {
    const body = withUserRequest({ user: { id: 'u', type: 'botUserKey', properties: { isFriend: 'yes' } } });
    expect(SkillPayloadSchema.parse(body).userRequest.user.properties.isFriend).toBeUndefined();
  });

  it('defaults every optional part when only userRequest.utterance is sent', () => {
    const payload = SkillPayloadSchema.parse({ userRequest: { utterance: '' } });
    expect(payload).toEqual({
      userRequest: { utterance: '', params: {}, user: { properties: {} } },
      action: { params: {}, detailParams: {}, clientExtra: {} },
      contexts: [],
    });
  });

  it('reads null top-level parts as absent', () => {
    const payload = SkillPayloadSchema.parse({ userRequest: { utterance: 'x', user: null, block: null }, intent: null, bot: null, action: null, contexts: null, flow: null });
    expect(payload.intent).toBeUndefined();
    expect(payload.action.params).toEqual({});
  });

  it('keeps unknown keys instead of failing on them', () => {
    const body = { ...withUserRequest({ newField: 1 }), somethingNew: { a: 1 } };
    const payload = SkillPayloadSchema.parse(body) as Record<string, unknown>;
    expect(payload['somethingNew']).toEqual({ a: 1 });
    expect((payload['userRequest'] as Json)['newField']).toBe(1);
  });

  it('accepts non-string block parameter values (they are stringified later)', () => {
    const payload = SkillPayloadSchema.parse(withAction({ params: { n: 3, flag: true } }));
    expect(payload.action.params).toEqual({ n: 3, flag: true });
  });

  describe('what Kakao and its test tools send in fields we only read (issue 12 §1): coerced, never refused', () => {
    const parse = (body: Json) => SkillPayloadSchema.parse(body);

    it('reads numeric ids, keys, timezone and lang as their text', () => {
      const payload = parse({
        ...withUserRequest({
          timezone: 9,
          lang: 0,
          block: { id: 6512, name: 7 },
          user: { id: 1620160768, type: 1, properties: { plusfriendUserKey: 987, appUserId: 1620160768, botUserKey: 123, bot_user_key: 5 } },
        }),
        intent: { id: 11, name: '블록' },
        bot: { id: 5392011, name: '봇' },
        action: { ...(example['action'] as Json), id: 6513 },
      });
      expect(payload.userRequest).toMatchObject({ timezone: '9', lang: '0', block: { id: '6512', name: '7' } });
      expect(payload.userRequest.user).toMatchObject({ id: '1620160768', type: '1' });
      expect(payload.userRequest.user.properties).toMatchObject({ plusfriendUserKey: '987', appUserId: '1620160768', botUserKey: '123', bot_user_key: '5' });
      expect([payload.intent?.id, payload.bot?.id, payload.action.id]).toEqual(['11', '5392011', '6513']);
    });

    it('reads numbers written as text where numbers are meant: lifespan, lifeSpan, ttl, reason.code', () => {
      const payload = parse({
        ...example,
        intent: { id: 'i', name: '지식+', extra: { reason: { code: '1', message: 'OK' } } },
        contexts: [{ name: 'a', lifespan: '5', lifeSpan: ' 2 ', ttl: '600', params: {} }, { name: 'b', lifespan: 'soon', ttl: '' }],
      });
      expect(payload.intent?.extra?.reason?.code).toBe(1);
      expect(payload.contexts[0]).toMatchObject({ lifespan: 5, lifeSpan: 2, ttl: 600 });
      expect(payload.contexts[1]).toMatchObject({ lifespan: undefined, ttl: undefined });
    });

    it.each([['"null"', 'null'], ['""', ''], ['"{}"', '{}'], ['[]', []], ['a number', 3], ['broken JSON text', '{"faqId":']])(
      'reads clientExtra, params, detailParams and userRequest.params sent as %s as empty',
      (_label, value) => {
        const payload = parse({ ...withUserRequest({ params: value }), action: { clientExtra: value, params: value, detailParams: value } });
        expect(payload.action).toMatchObject({ clientExtra: {}, params: {}, detailParams: {} });
        expect(payload.userRequest.params).toEqual({});
      },
    );

    it('parses an object written as JSON text in clientExtra and params', () => {
      const payload = parse(withAction({ clientExtra: '{"faqId":"faq-1"}', params: ' {"menu":"환불"}' }));
      expect(payload.action.clientExtra).toEqual({ faqId: 'faq-1' });
      expect(payload.action.params).toEqual({ menu: '환불' });
    });

    it(`leaves JSON text nested deeper than ${MAX_EMBEDDED_JSON_DEPTH} levels unparsed (read as empty)`, () => {
      const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      expect(parse(withAction({ clientExtra: nested(MAX_EMBEDDED_JSON_DEPTH) })).action.clientExtra).not.toEqual({});
      expect(parse(withAction({ clientExtra: nested(MAX_EMBEDDED_JSON_DEPTH + 1) })).action.clientExtra).toEqual({});
      // brackets inside strings do not count
      expect(parse(withAction({ clientExtra: `{"text":"${'['.repeat(100)}"}` })).action.clientExtra).toEqual({ text: '['.repeat(100) });
    });

    it('reads intent, bot, flow, block and the other optional parts sent as "null" (or any non-object) as absent', () => {
      const payload = parse({ ...withUserRequest({ block: 'null', user: 'null' }), intent: 'null', bot: 'null', flow: 'null', action: 'null', contexts: 'null' });
      expect([payload.intent, payload.bot, payload.flow, payload.userRequest.block]).toEqual([undefined, undefined, undefined, undefined]);
      expect(payload.action).toEqual({ params: {}, detailParams: {}, clientExtra: {} });
      expect(payload.userRequest.user).toEqual({ properties: {} });
      expect(payload.contexts).toEqual([]);
      const flow = parse({ ...example, flow: { trigger: 'null', lastBlock: [] } }).flow;
      expect(flow).toEqual({ trigger: undefined, lastBlock: undefined });
    });

    it('skips context entries that are not objects and keeps any context param value for the mapping', () => {
      const payload = parse({ ...example, contexts: [null, 'x', { name: 3, params: { stores: ['강남점', '역삼점'] } }] });
      expect(payload.contexts).toHaveLength(1);
      expect(payload.contexts[0]).toMatchObject({ name: '3', params: { stores: ['강남점', '역삼점'] } });
    });

    it('reads a bare detailParams entry as its origin and value, and a numeric groupName as text', () => {
      const payload = parse(withAction({ detailParams: { text: '환불', n: 3, gone: 'null', g: { origin: 'a', value: 'a', groupName: 0 } } }));
      expect(payload.action.detailParams).toEqual({
        text: { origin: '환불', value: '환불' },
        n: { origin: 3, value: 3 },
        gone: {},
        g: { origin: 'a', value: 'a', groupName: '0' },
      });
    });

    it('keeps a bare detailParams entry written as JSON text as its value unless it names an entry field', () => {
      const amount = '{"amount": 1, "unit": null}';
      const entry = '{"origin": "3개", "value": "3", "groupName": ""}';
      const payload = parse(withAction({ detailParams: { sys_number: amount, item: entry } }));
      expect(payload.action.detailParams).toEqual({
        sys_number: { origin: amount, value: amount },
        item: { origin: '3개', value: '3', groupName: '' },
      });
    });

    it('drops 지식+ entries that are not objects and reads the others leniently', () => {
      const extra = { knowledge: { matchedKnowledges: [null, 'x', { question: 7, answer: null, landingUrl: 5, imageUrl: '' }] } };
      const matched = parse({ ...example, intent: { id: 'x', name: '지식+', extra } }).intent?.extra?.knowledge?.matchedKnowledges;
      expect(matched).toEqual([{ categories: [], question: '7', answer: '' }]);
    });
  });

  it.each([
    ['an array', []],
    ['a string', '1 금요일 강남'],
    ['null', null],
    ['a number', 42],
  ])('rejects a body that is %s', (_, body) => {
    expect(rejectionText(body)).toMatch(/expected object/);
  });

  it('rejects a body without userRequest, or with one that is not an object, and names it', () => {
    const { userRequest: _, ...body } = example;
    expect(rejectionText(body)).toContain('→ at userRequest');
    for (const userRequest of ['null', null, [], 7]) expect(rejectionText({ ...example, userRequest })).toContain('→ at userRequest');
  });

  it('rejects an utterance that is not a string and names userRequest.utterance', () => {
    expect(rejectionText(withUserRequest({ utterance: 1 }))).toContain('→ at userRequest.utterance');
    expect(rejectionText(withUserRequest({ utterance: undefined }))).toContain('→ at userRequest.utterance');
    expect(rejectionText(withUserRequest({ utterance: null }))).toContain('userRequest.utterance must be a string');
  });
});
