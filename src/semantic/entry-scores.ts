import type { SemanticScore } from '../matcher';
import type { PassageMatrix } from './nearest';
import { PASSAGE_KINDS } from './passages';
import { unitCopy } from './unit-vector';

/**
 * The similarities the fusion reads (src/matcher/fusion.ts) for chosen entries: per entry, the best cosine
 * over its question and alternate questions, and over its answer passage. `nearest` finds which entries to
 * look at; this scores those (and the lexical stage's candidates, which may not be among the nearest) with
 * both numbers.
 */
export function entryScores(m: PassageMatrix, query: Float32Array, ids: Iterable<string>): SemanticScore[] {
  const { dims, vectors, passageKind } = m;
  if (query.length !== dims) throw new RangeError(`query vector has dimension ${query.length}, the entry vectors ${dims}`);
  // a query with no direction is near nothing
  const q = unitCopy(query) ?? new Float32Array(dims);
  const layout = layoutOf(m);
  const scores: SemanticScore[] = [];
  for (const id of ids) {
    const index = layout.indexOf.get(id);
    if (index === undefined) continue;
    let question = -1;
    let passage = -1;
    for (let p = layout.firstPassage[index]!; p < layout.firstPassage[index + 1]!; p++) {
      const base = p * dims;
      let s = 0;
      for (let i = 0; i < dims; i++) s += vectors[base + i]! * q[i]!;
      if (PASSAGE_KINDS[passageKind[p]!] === 'answer') passage = Math.max(passage, s);
      else question = Math.max(question, s);
    }
    // an entry without an answer passage (a blank answer) is only as near as its question
    scores.push({ id, question, passage: passage === -1 ? question : passage });
  }
  return scores;
}

interface Layout {
  indexOf: Map<string, number>;
  /** Passages of entry i are `firstPassage[i]` up to (not including) `firstPassage[i + 1]`. */
  firstPassage: Uint32Array;
}

// one layout per vectors object, built on first use and dropped with it
const layouts = new WeakMap<PassageMatrix, Layout>();

function layoutOf(m: PassageMatrix): Layout {
  let layout = layouts.get(m);
  if (layout) return layout;
  const firstPassage = new Uint32Array(m.entries.length + 1);
  let p = 0;
  for (let e = 0; e < m.entries.length; e++) {
    firstPassage[e] = p;
    while (p < m.passageCount && m.passageEntry[p] === e) p++;
  }
  firstPassage[m.entries.length] = p;
  layout = { indexOf: new Map(m.entries.map((e, i) => [e.id, i])), firstPassage };
  layouts.set(m, layout);
  return layout;
}
