import { memoPerOwner, WordMemo } from '../../src/matcher/word-memo';

describe('WordMemo', () => {
  it('computes a word once, undefined included', () => {
    const memo = new WordMemo<number | undefined>();
    let computed = 0;
    const compute = () => {
      computed++;
      return undefined;
    };
    expect(memo.get('안녕', compute)).toBeUndefined();
    expect(memo.get('안녕', compute)).toBeUndefined();
    expect(computed).toBe(1);
  });

  it('starts over past its bound instead of growing', () => {
    const memo = new WordMemo<number>();
    let computed = 0;
    for (let i = 0; i <= 20_000; i++) memo.get(`w${i}`, () => ++computed);
    expect(memo.get('w0', () => ++computed)).toBe(20_002);
  });

  it('keeps one memo per owner', () => {
    const memoOf = memoPerOwner<string>();
    const a = {};
    const b = {};
    memoOf(a).get('x', () => 'a');
    expect(memoOf(a).get('x', () => 'other')).toBe('a');
    expect(memoOf(b).get('x', () => 'b')).toBe('b');
  });
});
