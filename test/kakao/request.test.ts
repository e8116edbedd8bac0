import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SkillPayloadSchema, toSkillRequest, type SkillRequest } from '../../src/kakao';

const example = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/contract-example.json'), 'utf8')) as Record<string, unknown>;

/** Parses a body with the payload schema and maps it, as the HTTP edge does. */
function requestFrom(body: unknown): SkillRequest {
  return toSkillRequest(SkillPayloadSchema.parse(body));
}

function minimal(userRequest: Record<string, unknown> = {}, rest: Record<string, unknown> = {}): Record<string, unknown> {
  return { userRequest: { utterance: '환불', ...userRequest }, ...rest };
}

describe('toSkillRequest', () => {
  it('maps the contract’s complete example to our camelCase names', () => {
    const request = requestFrom(example);
    expect(request).toMatchObject({
      utterance: '1 금요일 강남',
      userId: '8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99',
      userType: 'botUserKey',
      botId: '5f3f34ed4fbf5200015f06d7',
      botName: '예시봇',
      blockId: '6512a0c4f2b1a93e7c1d2e01',
      blockName: '주문 조회',
      intentName: '주문 조회',
      lang: 'ko',
      clientExtra: {},
      matchedKnowledges: [],
      triggerType: 'TEXT_INPUT',
      isTestChat: false,
    });
    expect(request.params['sys_location']).toBe('강남');
    expect(JSON.parse(request.params['sys_number'] ?? '')).toEqual({ amount: 1, unit: null });
    expect(request.detailParams['sys_location']).toEqual({ origin: '강남', value: '강남', groupName: '' });
    expect(request.contexts).toEqual([{ name: 'ordering', lifeSpan: 4, ttl: 540, params: { store: '강남점' } }]);
    expect(request.callbackUrl).toMatch(/^https:\/\//);
    expect(request.payload.userRequest.timezone).toBe('Asia/Seoul');
  });

  it('keeps the utterance exactly as sent', () => {
    expect(requestFrom(minimal({ utterance: '  환불 ㅠㅠ\n' })).utterance).toBe('  환불 ㅠㅠ\n');
  });

  it('falls back from user.id to plusfriendUserKey, then botUserKey, then an empty string', () => {
    const user = (id: string | undefined, properties: Record<string, unknown>) => minimal({ user: { id, type: 'botUserKey', properties } });
    expect(requestFrom(user('', { plusfriendUserKey: 'pf', botUserKey: 'bk' })).userId).toBe('pf');
    expect(requestFrom(user(undefined, { botUserKey: 'bk' })).userId).toBe('bk');
    expect(requestFrom(user(undefined, { bot_user_key: 'legacy' })).userId).toBe('legacy');
    expect(requestFrom(minimal()).userId).toBe('');
  });

  it('turns non-string block parameters into JSON strings and drops nulls', () => {
    const request = requestFrom(minimal({}, { action: { params: { n: 3, ok: true, obj: { a: 1 }, gone: null, s: 'x' } } }));
    expect(request.params).toEqual({ n: '3', ok: 'true', obj: '{"a":1}', s: 'x' });
  });

  it('stringifies detailParams values and fills missing parts with empty strings', () => {
    const request = requestFrom(minimal({}, { action: { detailParams: { n: { origin: '하나', value: { amount: 1 } }, e: null } } }));
    expect(request.detailParams).toEqual({
      n: { origin: '하나', value: '{"amount":1}', groupName: '' },
      e: { origin: '', value: '', groupName: '' },
    });
  });

  it('exposes clientExtra as an object, {} when Kakao sends null', () => {
    expect(requestFrom(minimal({}, { action: { clientExtra: { faqId: 'faq-1' } } })).clientExtra).toEqual({ faqId: 'faq-1' });
    expect(requestFrom(minimal({}, { action: { clientExtra: null } })).clientExtra).toEqual({});
  });

  it('flattens context params from value, resolvedValue or a plain value, and reads lifespan or lifeSpan', () => {
    const contexts = [
      { name: 'a', lifespan: 3, params: { v: { value: '원문', resolvedValue: '해석' }, r: { resolvedValue: '해석만' }, n: { value: null } } },
      { name: 'b', lifeSpan: 1, ttl: 30, params: { plain: '문자열', num: 5 } },
    ];
    expect(requestFrom(minimal({}, { contexts })).contexts).toEqual([
      { name: 'a', lifeSpan: 3, params: { v: '원문', r: '해석만' } },
      { name: 'b', lifeSpan: 1, ttl: 30, params: { plain: '문자열', num: '5' } },
    ]);
  });

  it('collects 지식+ matches from extra.knowledge, else from extra.knowledges', () => {
    const entry = (question: string) => ({ categories: ['배송'], question, answer: '답변' });
    const intent = (extra: Record<string, unknown>) => ({ id: 'i', name: '지식+', extra });
    const primary = requestFrom(minimal({}, { intent: intent({ knowledge: { matchedKnowledges: [entry('A')] }, knowledges: { matchedKnowledges: [entry('B')] } }) }));
    expect(primary.matchedKnowledges.map((k) => k.question)).toEqual(['A']);
    const fallback = requestFrom(minimal({}, { intent: intent({ knowledge: { matchedKnowledges: [] }, knowledges: { matchedKnowledges: [entry('B')] } }) }));
    expect(fallback.matchedKnowledges.map((k) => k.question)).toEqual(['B']);
    expect(fallback.intentName).toBe('지식+');
  });

  it('keeps the body as sent in raw, while the mapped fields hold the coerced values', () => {
    const body = minimal(
      { user: { id: 1620160768, properties: { plusfriendUserKey: 987 } }, lang: 0 },
      { action: { clientExtra: 'null', params: [] }, bot: 'null' },
    );
    const sent = structuredClone(body);
    const request = toSkillRequest(SkillPayloadSchema.parse(body), body);
    expect(request).toMatchObject({ userId: '1620160768', lang: '0', clientExtra: {}, params: {}, botId: undefined });
    expect(request.raw).toBe(body);
    expect(request.raw).toEqual(sent);
    expect(requestFrom(minimal()).raw).toMatchObject({ userRequest: { utterance: '환불' } });
  });

  it('takes a numeric plusfriendUserKey or botUserKey as the user id when user.id is missing', () => {
    expect(requestFrom(minimal({ user: { properties: { plusfriendUserKey: 987654321 } } })).userId).toBe('987654321');
    expect(requestFrom(minimal({ user: { id: 'null', properties: { botUserKey: 123 } } })).userId).toBe('123');
  });

  it('uses a clientExtra written as JSON text like one sent as an object', () => {
    expect(requestFrom(minimal({}, { action: { clientExtra: '{"faqId":"faq-1"}' } })).clientExtra).toEqual({ faqId: 'faq-1' });
    for (const typed of ['null', '', '{}', []]) expect(requestFrom(minimal({}, { action: { clientExtra: typed } })).clientExtra).toEqual({});
  });

  it('maps contexts sent with numbers as text, null entries and array params', () => {
    const contexts = [null, { name: 'a', lifespan: '5', ttl: '600', params: { stores: ['강남점', '역삼점'], v: { value: ['x'] } } }];
    expect(requestFrom(minimal({}, { contexts })).contexts).toEqual([
      { name: 'a', lifeSpan: 5, ttl: 600, params: { stores: '["강남점","역삼점"]', v: '["x"]' } },
    ]);
  });

  it('maps a bare detailParams entry and a numeric groupName to strings', () => {
    const request = requestFrom(minimal({}, { action: { detailParams: { text: '환불', g: { origin: 'a', value: 1, groupName: 0 } } } }));
    expect(request.detailParams).toEqual({
      text: { origin: '환불', value: '환불', groupName: '' },
      g: { origin: 'a', value: '1', groupName: '0' },
    });
  });

  it('flags the admin console test chat from userRequest.params.surface', () => {
    expect(requestFrom(minimal({ params: { surface: 'BuilderBotTest' } })).isTestChat).toBe(true);
    expect(requestFrom(minimal({ params: { surface: 'Kakaotalk.plusfriend' } })).isTestChat).toBe(false);
  });

  it('takes the block from the intent when userRequest.block is missing, and leaves absent ids undefined', () => {
    const request = requestFrom(minimal({}, { intent: { id: 'blk', name: '폴백 블록' } }));
    expect(request).toMatchObject({ blockId: 'blk', blockName: '폴백 블록' });
    expect(request.botId).toBeUndefined();
    expect(request.triggerType).toBeUndefined();
    expect(request.callbackUrl).toBeUndefined();
    expect(request.lang).toBeUndefined();
  });
});
