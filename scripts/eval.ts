/**
 * Measures the FAQ skill on a labelled utterance set, through `POST /skill/faq` over real HTTP.
 *
 *   npm run eval -- [file.jsonl] [--faq data/faq.json] [--show-all]
 *
 * Default file: test/fixtures/dev.jsonl (a copy of the shared dev set). Prints top-1 accuracy,
 * right-candidate-in-clarify rate, out-of-domain fallback rate, wrong-answer rate, a table by kind
 * and the misses.
 */
import { parseArgs } from 'node:util';
import { readEvalSet, summarize, summarizeReply, verdictFor, type ScoredCase, type Verdict } from './lib/eval-set';
import { kakaoPayload } from './lib/kakao-payload';
import { localApp } from './lib/local-app';
import { postJson, serveLocally } from './lib/skill-client';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      faq: { type: 'string', default: 'data/faq.json' },
      synonyms: { type: 'string', default: 'data/synonyms.json' },
      'show-all': { type: 'boolean', default: false },
    },
  });
  const file = positionals[0] ?? 'test/fixtures/dev.jsonl';
  const { app, faq } = await localApp({ faqFile: values.faq, synonymsFile: values.synonyms });
  const server = await serveLocally(app);

  const scored: ScoredCase[] = [];
  try {
    for (const c of await readEvalSet(file)) {
      const expectedIds = c.expected.map((i) => faq.entries[i]?.id ?? `#${i}`);
      const { status, body } = await postJson(`${server.baseUrl}/skill/faq`, kakaoPayload(c.utterance));
      if (status !== 200) throw new Error(`HTTP ${status} for "${c.utterance}": ${JSON.stringify(body)}`);
      const reply = summarizeReply(body);
      scored.push({ ...c, reply, verdict: verdictFor(expectedIds, reply) });
    }
  } finally {
    await server.close();
  }

  const s = summarize(scored);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`${file}: ${s.total} utterances (${s.inDomain} in domain, ${s.outOfDomain} out of domain), FAQ ${faq.size} entries v${faq.version}`);
  console.log(`  top-1 answered right      ${pct(s.top1)}  (${Math.round(s.top1 * s.inDomain)}/${s.inDomain})`);
  console.log(`  right entry in clarify    ${pct(s.rightInClarify)}  (${Math.round(s.rightInClarify * s.inDomain)}/${s.inDomain})`);
  console.log(`  wrong answers (of all)    ${pct(s.wrongAnswer)}  (${Math.round(s.wrongAnswer * s.total)}/${s.total})`);
  console.log(`  out-of-domain fell back   ${pct(s.oodFallback)}  (${Math.round(s.oodFallback * s.outOfDomain)}/${s.outOfDomain})`);

  const verdicts: Verdict[] = ['right-answer', 'right-in-clarify', 'clarify-without-right', 'missed', 'wrong-answer', 'right-fallback', 'ood-clarify'];
  console.log(`\n  ${'kind'.padEnd(12)}${'n'.padStart(4)}  ${verdicts.map((v) => v.padStart(v.length + 1)).join('')}`);
  for (const [kind, row] of Object.entries(s.byKind).sort()) {
    console.log(`  ${kind.padEnd(12)}${String(row.total).padStart(4)}  ${verdicts.map((v) => String(row.counts[v] ?? 0).padStart(v.length + 1)).join('')}`);
  }

  const misses = scored.filter((c) => values['show-all'] || !['right-answer', 'right-fallback'].includes(c.verdict));
  console.log(`\n${values['show-all'] ? 'All cases' : 'Misses'} (${misses.length}):`);
  for (const c of misses) {
    const got = c.reply.outcome === 'answer' ? `answer ${entryLabel(faq, c.reply.faqId)}` : `${c.reply.outcome} [${c.reply.candidateIds.map((id) => entryLabel(faq, id)).join(', ')}]`;
    const want = c.expected.length ? c.expected.map((i) => `#${i}`).join('/') : 'fallback';
    console.log(`  ${c.verdict.padEnd(22)} ${c.kind.padEnd(11)} "${c.utterance}" → ${got}; want ${want}`);
  }
}

function entryLabel(faq: { entries: readonly { id: string }[] }, id: string | undefined): string {
  const index = faq.entries.findIndex((e) => e.id === id);
  return index >= 0 ? `#${index}` : String(id);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
