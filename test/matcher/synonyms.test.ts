import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSynonyms } from '../../src/matcher';
import { buildSynonymIndex, synonymKey } from '../../src/matcher/synonyms';

describe('parseSynonyms', () => {
  it('accepts groups of two or more terms', () => {
    expect(parseSynonyms({ groups: [['환불', '돈 돌려받기', 'refund']] })).toEqual([['환불', '돈 돌려받기', 'refund']]);
  });

  it('accepts the shipped data/synonyms.json', () => {
    const json: unknown = JSON.parse(readFileSync(path.resolve(__dirname, '../../data/synonyms.json'), 'utf8'));
    expect(parseSynonyms(json).length).toBeGreaterThan(10);
  });

  it.each([
    [null, /expected object/],
    [{}, /groups/],
    [{ groups: 'x' }, /groups/],
    [{ groups: [['환불']] }, /at least 2 terms/],
    [{ groups: [['환불', '  ']] }, /must not be blank/],
    [{ groups: [['환불', 3]] }, /groups/],
  ])('rejects %j with a readable error', (json, message) => {
    expect(() => parseSynonyms(json)).toThrow(message);
    expect(() => parseSynonyms(json)).toThrow(/invalid synonyms file/);
  });
});

describe('synonym lookup', () => {
  it('meets inflected and spaced forms of a term', () => {
    expect(synonymKey('돈 돌려받기')).toBe(synonymKey('돈 돌려받는'));
    expect(synonymKey('채널 추가')).toBe(synonymKey('채널추가'));
  });

  it('maps each term to the other terms of its groups', () => {
    const index = buildSynonymIndex([
      ['환불', 'refund'],
      ['환불', '환급'],
    ]);
    expect([...(index.get('환불') ?? [])].sort()).toEqual(['refund', '환급']);
    expect(index.get('refund')).toEqual(['환불']);
    expect(index.get('취소')).toBeUndefined();
  });
});
