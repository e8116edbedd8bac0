import {
  KAKAO_LIMITS,
  callbackAck,
  contextValue,
  dataOnly,
  jsonByteLength,
  quickReply,
  reply,
  simpleText,
  skillResponse,
  textCard,
  type QuickReply,
} from '../../src/kakao';
import { expectValid, limitError, recorder } from './helpers';

const LIMIT = KAKAO_LIMITS.response.bytes;
const chips = (count: number): QuickReply[] => Array.from({ length: count }, (_, i) => quickReply.message(`질문 ${i}`, `질문 ${i} 전체 문장`));

describe('skillResponse', () => {
  it('assembles version 2.0, template, context and data into a valid reply', () => {
    const response = skillResponse({
      outputs: [simpleText('안녕하세요'), textCard({ title: '환불', description: '3일 이내' })],
      quickReplies: chips(2),
      context: [contextValue('faq', 2, { lastFaqId: 'f1' })],
      data: { outcome: 'answer' },
    });
    expect(response).toMatchObject({ version: '2.0', context: { values: [{ name: 'faq', lifeSpan: 2, params: { lastFaqId: 'f1' } }] }, data: { outcome: 'answer' } });
    expect(response.template?.quickReplies).toHaveLength(2);
    expectValid(response);
  });

  it('leaves out empty quick replies and context', () => {
    expect(skillResponse({ outputs: [simpleText('x')], quickReplies: [], context: [] })).toEqual({ version: '2.0', template: { outputs: [{ simpleText: { text: 'x' } }] } });
  });

  it('throws on 0 or 4 outputs and on 11 quick replies', () => {
    expect(limitError(() => skillResponse({ outputs: [] }))).toMatchObject({ field: 'template.outputs', limit: 1, actual: 0 });
    expect(limitError(() => skillResponse({ outputs: Array(4).fill(simpleText('x')) }))).toMatchObject({ field: 'template.outputs', limit: 3, actual: 4 });
    expect(limitError(() => skillResponse({ outputs: [simpleText('x')], quickReplies: chips(11) }))).toMatchObject({ field: 'template.quickReplies', limit: 10, actual: 11 });
  });

  it('has a reply(outputs, quickReplies) shorthand', () => {
    expect(reply([simpleText('x')], chips(1))).toEqual(skillResponse({ outputs: [simpleText('x')], quickReplies: chips(1) }));
  });
});

describe('the 30 KB guard in skillResponse', () => {
  /** A `data` blob that brings a reply built from `outputs` (plus `extraBytes`) to just under the limit. */
  function fillerFor(outputs: Parameters<typeof skillResponse>[0]['outputs'], slack: number): string {
    return 'x'.repeat(LIMIT - jsonByteLength(skillResponse({ outputs, data: { filler: '' } })) - slack);
  }

  it('returns a reply that fits untouched', () => {
    const parts = { outputs: [simpleText('가'.repeat(1000))], quickReplies: chips(10) };
    expect(skillResponse(parts)).toEqual({ version: '2.0', template: { outputs: parts.outputs, quickReplies: parts.quickReplies } });
  });

  it('first drops quick replies from the end, keeping the first ones and every text', () => {
    const outputs = [simpleText('가'.repeat(1000))];
    const { events, onClip } = recorder();
    const response = skillResponse({ outputs, quickReplies: chips(10), data: { filler: fillerFor(outputs, 200) }, onClip });
    const kept = response.template?.quickReplies ?? [];
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(10);
    expect(kept).toEqual(chips(kept.length));
    expect(response.template?.outputs).toEqual(outputs);
    expect(jsonByteLength(response)).toBeLessThanOrEqual(LIMIT);
    expect(events).toEqual([{ field: 'template.quickReplies', limit: kept.length, actual: 10 }]);
    expectValid(response);
  });

  it('then clips the longest text, reporting its path, without touching the caller’s objects', () => {
    const outputs = [simpleText('짧은 인사'), textCard({ title: '환불', description: '가'.repeat(400) })];
    const before = JSON.stringify(outputs);
    const { events, onClip } = recorder();
    const response = skillResponse({ outputs, quickReplies: chips(3), data: { filler: `${fillerFor(outputs, 0)}${'x'.repeat(300)}` }, onClip });
    expect(jsonByteLength(response)).toBeLessThanOrEqual(LIMIT);
    expect(response.template?.quickReplies).toBeUndefined();
    const card = response.template?.outputs[1];
    expect(card && 'textCard' in card ? card.textCard.description : '').toMatch(/^가+…$/);
    expect(events.map((e) => e.field)).toEqual(['template.quickReplies', 'template.outputs[1].textCard.description']);
    expect(JSON.stringify(outputs)).toBe(before);
    expectValid(response);
  });

  it('throws KakaoLimitError when data alone is too big to fix', () => {
    const error = limitError(() => skillResponse({ outputs: [simpleText('x')], data: { blob: 'x'.repeat(LIMIT) } }));
    expect(error).toMatchObject({ field: 'response', limit: LIMIT });
    expect(error.actual).toBeGreaterThan(LIMIT);
  });
});

describe('callbackAck and dataOnly', () => {
  it('build the contract’s §2.6 shapes', () => {
    expect(callbackAck({ text: '생각 중이에요…' })).toEqual({ version: '2.0', useCallback: true, data: { text: '생각 중이에요…' } });
    expect(callbackAck()).toEqual({ version: '2.0', useCallback: true });
    expect(dataOnly({ msg: '오늘 환율은 1,320원' })).toEqual({ version: '2.0', data: { msg: '오늘 환율은 1,320원' } });
    [callbackAck({ text: 'x' }), callbackAck(), dataOnly({ msg: 'x' })].forEach(expectValid);
  });

  it('throw KakaoLimitError over 30 KB', () => {
    expect(limitError(() => dataOnly({ blob: '가'.repeat(LIMIT / 3) }))).toMatchObject({ field: 'response', limit: LIMIT });
    expect(limitError(() => callbackAck({ blob: 'x'.repeat(LIMIT) }))).toMatchObject({ field: 'response' });
  });
});

describe('contextValue', () => {
  it('builds the contract’s §2.5 values, stringifying non-string params', () => {
    const values = [contextValue('abc', 10, { key1: 'val1' }, 60), contextValue('def', 5, { key5: { jsonKey: 'jsonVal' }, n: 3, skip: undefined }), contextValue('ghi', 0)];
    expect(values).toEqual([
      { name: 'abc', lifeSpan: 10, ttl: 60, params: { key1: 'val1' } },
      { name: 'def', lifeSpan: 5, params: { key5: '{"jsonKey":"jsonVal"}', n: '3' } },
      { name: 'ghi', lifeSpan: 0 },
    ]);
    expectValid({ version: '2.0', context: { values } });
  });

  it('throws on a blank name or a lifeSpan / ttl that is not an integer ≥ 0', () => {
    expect(limitError(() => contextValue(' ', 1))).toMatchObject({ field: 'context.name' });
    expect(limitError(() => contextValue('a', -1))).toMatchObject({ field: 'context.lifeSpan', limit: 'integer ≥ 0', actual: '-1' });
    expect(limitError(() => contextValue('a', 1.5))).toMatchObject({ field: 'context.lifeSpan' });
    expect(limitError(() => contextValue('a', 1, {}, -5))).toMatchObject({ field: 'context.ttl' });
  });
});
