import { spawnSync } from 'node:child_process';
import { ROOT } from '../harness';

/**
 * The matcher stays near-linear in the length of a word, below the schema's field limits too: a
 * 10,000-character run-together word in a question once took minutes and gigabytes to index (typo
 * deletion keys, O(length²)) and seconds per query (stem coverage, O(length² × forms)). Run in a child
 * process with a bounded wait, because a regression here blocks the event loop and no test timeout
 * could fire.
 */
it('indexes and searches entries with 10,000-character words within a bounded wait', () => {
  const script = `
    const { createMatcher } = require('./src/matcher');
    const long = '환불'.repeat(5000);
    const docs = [
      { id: 'a', categories: ['서비스', long], question: long, alternateQuestions: [long], keywords: [long], answer: long },
      { id: 'b', categories: ['서비스'], question: '환불 계좌 등록', alternateQuestions: [], keywords: [], answer: '설정에서 등록합니다' },
    ];
    const matcher = createMatcher(docs);
    const hits = [long, '환불', '환불 계좌', long.slice(0, 999)].map((q) => matcher.search(q).length);
    console.log(JSON.stringify(hits));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  expect({ signal: run.signal, status: run.status, stderr: run.stderr }).toEqual({ signal: null, status: 0, stderr: '' });
  const hits = JSON.parse(run.stdout) as number[];
  expect(hits.every((n) => n > 0)).toBe(true);
}, 40_000);
