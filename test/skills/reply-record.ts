/**
 * Records the FAQ skill's replies to the calls of recorded-calls.ts into fixtures/faq-replies.jsonl:
 * `npx tsx test/skills/reply-record.ts`. Run it only when a reply is meant to change, and review the diff.
 */
import { writeFileSync } from 'node:fs';
import { bundledFaq } from '../harness';
import { recordedSets, recordReply, RECORDED_REPLIES_FILE } from './recorded-calls';

async function record(): Promise<void> {
  const lines: string[] = [];
  for (const set of recordedSets(await bundledFaq())) {
    for (const call of set.calls) lines.push(JSON.stringify(await recordReply(set, call)));
  }
  writeFileSync(RECORDED_REPLIES_FILE, `${lines.join('\n')}\n`);
  console.log(`${lines.length} replies written to ${RECORDED_REPLIES_FILE}`);
}

void record();
