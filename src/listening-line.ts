import { writeSync } from 'node:fs';

/**
 * The one plain-text line a person starting the server reads, among the JSON log lines: where it listens,
 * how many entries each FAQ set serves, and how questions are matched. It goes to stderr, so stdout stays
 * one JSON object per line for log collectors.
 */

/** What the line reports; `worker` labels it in a cluster, where every worker prints its own. */
export interface ListeningFacts {
  host: string;
  port: number;
  sets: readonly { name: string; entries: number }[];
  worker?: number | undefined;
  /** The embeddings model of the semantic stage; undefined when matching is lexical only. */
  semanticModel?: string | undefined;
}

/**
 * `listening on http://127.0.0.1:8080 — FAQ default: 50 entries, matcher: lexical+semantic (multilingual-e5-small)`,
 * or `matcher: lexical` when no embeddings service is there (src/semantic/open-semantic-service.ts).
 */
export function listeningLine(facts: ListeningFacts): string {
  const host = facts.host.includes(':') ? `[${facts.host}]` : facts.host;
  const sets = facts.sets.map((s) => `FAQ ${s.name}: ${s.entries} ${s.entries === 1 ? 'entry' : 'entries'}`);
  const label = facts.worker === undefined ? '' : `worker ${facts.worker}: `;
  const matcher = facts.semanticModel === undefined ? 'lexical' : `lexical+semantic (${facts.semanticModel})`;
  return `${label}listening on http://${host}:${facts.port} — ${[...sets, `matcher: ${matcher}`].join(', ')}`;
}

/**
 * Writes a line to stderr directly: process.stderr would crash the process with an unhandled 'error'
 * event when stderr is a full disk or /dev/full. Losing this line is fine; the JSON log has the same facts.
 */
export function printLine(line: string): void {
  try {
    writeSync(2, `${line}\n`);
  } catch {
    // stderr is full or gone
  }
}
