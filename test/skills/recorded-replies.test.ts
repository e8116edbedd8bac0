import { readFileSync } from 'node:fs';
import { bundledFaq } from '../harness';
import { recordedSets, recordReply, RECORDED_REPLIES_FILE, type RecordedReply } from './recorded-calls';

/**
 * The FAQ skill's replies stay byte-identical to the ones recorded before the reply path was made cheaper
 * (issue 15: precomputed related lists, category chips and card fragments). A reply meant to change is
 * recorded again with `npx tsx test/skills/reply-record.ts`, and the diff reviewed.
 */
describe('recorded FAQ skill replies', () => {
  it('answers every recorded call with the recorded reply, byte for byte', async () => {
    const recorded = readFileSync(RECORDED_REPLIES_FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as RecordedReply);
    const now: RecordedReply[] = [];
    for (const set of recordedSets(await bundledFaq())) for (const call of set.calls) now.push(await recordReply(set, call));
    expect(now.map((r) => `${r.set} ${r.call}`)).toEqual(recorded.map((r) => `${r.set} ${r.call}`));
    const changed = now.filter((r, i) => r.sha256 !== recorded[i]!.sha256).map((r) => `${r.call}: ${r.summary}`);
    expect(changed).toEqual([]);
    expect(now.length).toBeGreaterThan(4000);
  }, 120_000);
});
