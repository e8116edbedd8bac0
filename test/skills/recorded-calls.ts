import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { FOLLOW_UP_CONTEXT } from '../../skills/faq/parts/followup';
import { generateCorpus, generateQueries } from '../../src/cli/corpus';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { FaqFileSchema } from '../../src/faq/faq-schema';
import { parseSynonyms } from '../../src/matcher';
import { ROOT, SYNONYMS_FILE } from '../harness';
import { ask, type Turn } from './skill-turn';

/**
 * A broad, fixed set of FAQ skill calls whose replies were recorded before the reply path was made cheaper
 * (issue 15): every typed message of the dev set and the matcher cases, every entry's question and
 * alternates, taps on every entry, rating, browse, rephrase and menu taps, follow-ups after every entry, and
 * the same over a synthetic corpus. `reply-record.ts` writes the fixture; `recorded-replies.test.ts` checks it.
 */

export interface RecordedCall {
  /** Names the call in a failure message. */
  name: string;
  utterance: string;
  turn: Omit<Turn, 'feedback' | 'log' | 'onClip'>;
}

/** Entries of the synthetic corpus, and how many of them (and of its generated queries) are called. */
const CORPUS_SIZE = 2_000;
const CORPUS_CALLS = 300;

function readUtterances(file: string): string[] {
  return readFileSync(path.join(ROOT, 'test/fixtures', file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { utterance: string }).utterance);
}

function followUp(entry: { id: string; categories: readonly string[] }, utterance = '이전 질문') {
  const param = (value: string) => ({ value, resolvedValue: value });
  return { name: FOLLOW_UP_CONTEXT, lifespan: 2, ttl: 600, params: { faqId: param(entry.id), categories: param(JSON.stringify(entry.categories)), utterance: param(utterance) } };
}

/** Every call made on `faq`; `typed` are the extra typed messages (dev set, matcher cases, generated queries). */
function callsOn(faq: FaqStore, typed: readonly string[], entryLimit: number): RecordedCall[] {
  const calls: RecordedCall[] = typed.map((utterance) => ({ name: `typed ${utterance}`, utterance, turn: {} }));
  const entries = faq.entries.slice(0, entryLimit);
  for (const e of entries) {
    for (const q of [e.question, ...e.alternateQuestions]) calls.push({ name: `question ${e.id} ${q}`, utterance: q, turn: {} });
    calls.push({ name: `pick ${e.id}`, utterance: e.question, turn: { clientExtra: { faqId: e.id, asked: '물어본 말' } } });
    calls.push({ name: `rate ${e.id}`, utterance: '도움이 됐어요', turn: { clientExtra: { feedback: 'up', faqId: e.id } } });
    for (const next of ['다른 방법은?', '그럼 등록은요?', '우주선 발사 일정 알려주세요', '상담원 연결해 주세요']) {
      calls.push({ name: `follow-up ${e.id} ${next}`, utterance: next, turn: { contexts: [followUp(e)], handoff: { mode: 'operator' } } });
    }
  }
  const paths = new Set<string>(['[]']);
  for (const e of entries) for (let d = 1; d <= e.categories.length; d++) paths.add(JSON.stringify(e.categories.slice(0, d)));
  for (const p of paths) {
    for (const page of [0, 1]) calls.push({ name: `browse ${p} ${page}`, utterance: '질문 보기', turn: { clientExtra: { browse: JSON.parse(p), page } } });
  }
  calls.push({ name: 'rephrase', utterance: '다시 질문하기', turn: { clientExtra: { rephrase: true } } });
  calls.push({ name: 'menu', utterance: '찾는 질문이 없어요', turn: { clientExtra: { menu: true, asked: '환불' }, handoff: { mode: 'phone', phone: '1577-0000' } } });
  for (const u of ['처음으로', '', '안녕하세요', '감사합니다', '안녕하세요! 월렛이란 무엇인가요?', '질문이 하나 있어요 감사합니다']) {
    calls.push({ name: `typed ${u}`, utterance: u, turn: {} });
  }
  return calls;
}

export interface RecordedSet {
  name: string;
  faq: FaqStore;
  calls: RecordedCall[];
}

/** The bundled FAQ's calls, then the synthetic corpus's. */
export function recordedSets(bundled: FaqStore): RecordedSet[] {
  const synonyms = parseSynonyms(JSON.parse(readFileSync(SYNONYMS_FILE, 'utf8')));
  const corpus = generateCorpus({ size: CORPUS_SIZE, seed: 1 });
  const synthetic = createFaqStore(FaqFileSchema.parse({ schemaVersion: 1, entries: corpus }), { synonyms });
  const queries = generateQueries({ corpus, count: CORPUS_CALLS, seed: 2 }).map((q) => q.utterance);
  return [
    { name: 'bundled', faq: bundled, calls: callsOn(bundled, [...readUtterances('dev.jsonl'), ...readUtterances('matcher-cases.jsonl')], bundled.size) },
    { name: 'corpus', faq: synthetic, calls: callsOn(synthetic, queries, CORPUS_CALLS) },
  ];
}

/**
 * One line of the fixture: the sha256 of the reply's JSON text (byte identity) and a summary of its `data`
 * for a reader to see what changed (the whole replies would make a 2 MB fixture).
 */
export interface RecordedReply {
  set: string;
  call: string;
  sha256: string;
  /** What the reply's `data` says in short: its outcome, the entry answered, the questions offered. */
  summary: string;
}

export async function recordReply(set: RecordedSet, call: RecordedCall): Promise<RecordedReply> {
  const reply = await ask(set.faq, call.utterance, call.turn);
  const sha256 = createHash('sha256').update(JSON.stringify(reply)).digest('hex');
  const data = (reply.data ?? {}) as { outcome?: string; faqId?: string; related?: string[]; candidates?: { faqId?: string }[] };
  const offered = data.related ?? data.candidates?.map((c) => c.faqId ?? '') ?? [];
  return { set: set.name, call: call.name, sha256, summary: [data.outcome, data.faqId ?? '-', ...offered].join(' ') };
}

export const RECORDED_REPLIES_FILE = path.join(__dirname, 'fixtures', 'faq-replies.jsonl');
