import { readFileSync } from 'node:fs';
import { RECORDED_SEARCHES_FILE, searchDigests } from './recorded-searches';

describe('recorded matcher searches', () => {
  it('finds the recorded hits, with the recorded confidences, for every search (seen words or not)', () => {
    const recorded = readFileSync(RECORDED_SEARCHES_FILE, 'utf8').split('\n').filter((line) => line !== '');
    const now = searchDigests();
    expect(now.length).toBe(recorded.length);
    expect(now.filter((line, i) => line !== recorded[i])).toEqual([]);
  }, 120_000);
});
