/**
 * Vocabulary taken from the real FAQ (data/faq.json): its services, category paths, question nouns and
 * answer sentences. Extraction keeps file order, so the same seed file always yields the same vocabulary.
 */
import { readFileSync } from 'node:fs';
import { FAQ_FILE } from '../../../test/harness/paths';

/** The fields of a seed entry the generator reads. */
export interface SeedEntry {
  categories: readonly string[];
  question: string;
  answer: string;
}

/** What the generator borrows from the seed FAQ. */
export interface SeedVocabulary {
  /** Top-level categories ("카카오톡 채널 관리자"). */
  services: readonly string[];
  /** Real category tails by service ("예약관리" > "예약/취소관리"), reused as menus. */
  menuPaths: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Nouns from the seed questions ("세금계산서", "영업권"), an extra pool of 대상. */
  nouns: readonly string[];
  /** Answer sentences of a plausible length, mixed into generated answers as realistic noise. */
  sentences: readonly string[];
}

/** The bundled seed FAQ (an absolute path, so the CLI works from any working directory). */
export const DEFAULT_SEED_FILE = FAQ_FILE;

/** Reads the `entries` of a FAQ file in the data/faq.json format. */
export function readSeedEntries(file: string = DEFAULT_SEED_FILE): SeedEntry[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(json.entries)) throw new Error(`${file}: no "entries" array`);
  return json.entries as SeedEntry[];
}

// Only particles that rarely end a noun are stripped: "이/가/도/에/로" would cut "채널추가" and "고객확인제도".
const PARTICLES = ['에서', '으로', '이란', '은', '는', '을', '를', '의'];
// A word ending like a verb, a particle we do not strip, or a question word is not a topic.
const NOT_A_NOUN = /(요|까|다|고|면|서|데|지|나|며|게|려|해|된|한|할|인|는|은|던|있|없|들|야|받|되|하|을|에|가|이|도|로|와|과|운|만)$/;
const QUESTION_WORDS = new Set(['어떻게', '어떤', '무엇', '어디', '어디에서', '언제', '왜', '몇', '최대', '따로', '별도로', '그런데', '직접']);

/** Strips one trailing particle, keeping at least two syllables of stem. */
export function stripParticle(word: string): string {
  for (const p of PARTICLES) {
    if (word.endsWith(p) && [...word].length - [...p].length >= 2) return word.slice(0, -p.length);
  }
  return word;
}

function nounsOf(question: string): string[] {
  const out: string[] = [];
  for (const raw of question.replace(/[^\uac00-\ud7a3\s]/g, ' ').split(/\s+/)) {
    if (!raw || QUESTION_WORDS.has(raw)) continue;
    const stem = stripParticle(raw);
    const length = [...stem].length;
    if (length >= 2 && length <= 7 && !NOT_A_NOUN.test(stem)) out.push(stem);
  }
  return out;
}

function sentencesOf(answer: string): string[] {
  return answer
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 15 && s.length <= 120 && s.endsWith('다.'));
}

/** Collects services, menus, nouns and sentences from seed entries, de-duplicated in first-seen order. */
export function extractSeedVocabulary(entries: readonly SeedEntry[]): SeedVocabulary {
  const services = new Set<string>();
  const menuPaths = new Map<string, (readonly string[])[]>();
  const seenPaths = new Set<string>();
  const nouns = new Set<string>();
  const sentences = new Set<string>();
  for (const entry of entries) {
    const [service, ...tail] = entry.categories.map((c) => c.trim());
    if (!service) continue;
    services.add(service);
    const key = [service, ...tail].join('\u001f');
    if (tail.length > 0 && !seenPaths.has(key)) {
      seenPaths.add(key);
      menuPaths.set(service, [...(menuPaths.get(service) ?? []), tail]);
    }
    for (const noun of nounsOf(entry.question)) nouns.add(noun);
    for (const sentence of sentencesOf(entry.answer)) sentences.add(sentence);
  }
  return { services: [...services], menuPaths, nouns: [...nouns], sentences: [...sentences] };
}
