import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics (prom-client). One {@link Metrics} per process; `GET /metrics` serves its registry
 * (in cluster mode the primary aggregates every worker's registry, see src/cluster.ts). Label values come
 * from our own code (skill names, outcomes, FAQ set names), never from user input, so series stay bounded.
 */
export interface Metrics {
  readonly registry: Registry;
  /** One skill call: its latency and outcome (`answer`, `clarify`, `fallback`, `rate_limited`, …). */
  observeSkillCall(call: { skill: string; outcome: string; seconds: number }): void;
  /** A request refused by an abuse limit: `user` (skill calls per user key) or `ip` (other routes). */
  recordRateLimited(scope: 'user' | 'ip'): void;
  /** Entries in a loaded FAQ set (set after every load or reload). */
  setFaqEntries(set: string, entries: number): void;
  /** A reload attempt of a FAQ set; `ok: false` counts a failure (the previous data keeps serving). */
  recordReload(set: string, ok: boolean): void;
  /** A piece of user feedback, e.g. `up`, `down`, `handoff`. */
  recordFeedback(kind: string): void;
  /** Text from the FAQ data cut to fit a Kakao limit (`field` such as `quickReply.label`). */
  recordClip(field: string): void;
  /** A reply cache lookup: answered from the cache (`hit`) or built (`miss`). */
  recordReplyCache(hit: boolean): void;
  /**
   * Reads what an output lost, by reason, at each scrape: `log` lines the log destination dropped
   * (src/log-destination.ts), `feedback` ratings the feedback store could not keep. Read rather than pushed,
   * so what was lost before the metrics were wired (the logger starts first) still counts.
   */
  countLosses(output: 'log' | 'feedback', read: () => ReadonlyMap<string, number>): void;
  /** A connection shed at a listener's cap (src/http/connection-guard.ts). */
  recordConnectionShed: RecordConnectionShed;
  /**
   * One call to the embeddings service (src/semantic/semantic-service.ts) by kind (`query` on the request
   * path, `passages` for entry vectors) and result; `seconds` is absent for calls refused without a request.
   */
  recordEmbedding(call: { kind: 'query' | 'passages'; result: EmbeddingResult; seconds?: number }): void;
  /** The semantic stage: `off` (lexical only), `ok`, or `degraded` (service failing: lexical answers until it is back). */
  setSemanticState(state: SemanticState): void;
  /** Where a FAQ set's entry vectors stand for the snapshot it serves (src/faq/snapshot-vectors.ts). */
  setEntryVectorsState(set: string, state: EntryVectorsState): void;
  /** One attempt to build a FAQ set's entry vectors: `ok` (attached) or `error` (retried later). */
  recordEntryVectorBuild(set: string, result: 'ok' | 'error'): void;
}

/** `building`: not ready yet (served lexically); `unavailable`: the last build failed (retrying, served lexically). */
export type EntryVectorsState = 'attached' | 'building' | 'unavailable';
const ENTRY_VECTORS_STATES: readonly EntryVectorsState[] = ['attached', 'building', 'unavailable'];

/** `rejected_open`: refused at once because the circuit breaker is open; `aborted`: the caller gave up first. */
export type EmbeddingResult = 'ok' | 'error' | 'timeout' | 'aborted' | 'rejected_open';
export type SemanticState = 'off' | 'ok' | 'degraded';
const SEMANTIC_STATE_VALUE: Record<SemanticState, number> = { off: 0, ok: 1, degraded: 2 };

/** `listener`: `main` (PORT) or `metrics`; `reason`: `refused` (over the cap) or `idle_closed` (made room). */
export type RecordConnectionShed = (listener: 'main' | 'metrics', reason: 'refused' | 'idle_closed') => void;

/** The connection-shedding counter on `registry` (also used by the cluster primary for its metrics listener). */
export function connectionShedCounter(registry: Registry): RecordConnectionShed {
  const shed = new Counter({
    name: 'kakao_faq_connections_shed_total',
    help: 'Connections shed at the MAX_CONNECTIONS cap, by listener and reason: refused (closed at once, over the cap) or idle_closed (the longest-idle connection, closed to make room)',
    labelNames: ['listener', 'reason'],
    registers: [registry],
  });
  return (listener, reason) => shed.inc({ listener, reason });
}

/** Latency buckets (seconds): sub-millisecond matching up to Kakao's 5 s limit. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const LABEL_VALUE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Keeps label values to a safe alphabet and length, so a bug cannot explode the number of series. */
function label(value: string): string {
  return LABEL_VALUE.test(value) ? value : 'other';
}

/** Creates the metrics on a fresh registry (tests create their own; the server uses {@link metrics}). */
export function createMetrics(registry = new Registry()): Metrics {
  const duration = new Histogram({
    name: 'kakao_faq_skill_duration_seconds',
    help: 'Time from a valid payload to the skill reply, by skill and outcome',
    labelNames: ['skill', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const calls = new Counter({
    name: 'kakao_faq_skill_calls_total',
    help: 'Skill calls by skill and outcome (answer, clarify, fallback, browse, error, timeout, rate_limited)',
    labelNames: ['skill', 'outcome'],
    registers: [registry],
  });
  const limited = new Counter({
    name: 'kakao_faq_rate_limited_total',
    help: 'Requests refused by an abuse limit: scope user (skill calls per user key) or ip (other routes)',
    labelNames: ['scope'],
    registers: [registry],
  });
  const entries = new Gauge({
    name: 'kakao_faq_entries',
    help: 'Entries in each loaded FAQ set',
    labelNames: ['set'],
    registers: [registry],
    // Every worker holds the same sets: summing across workers would multiply the count.
    aggregator: 'max',
  });
  const reloads = new Counter({
    name: 'kakao_faq_reloads_total',
    help: 'FAQ set reload attempts (successful or not)',
    labelNames: ['set'],
    registers: [registry],
  });
  const reloadFailures = new Counter({
    name: 'kakao_faq_reload_failures_total',
    help: 'FAQ set reloads that failed (the previous data kept serving)',
    labelNames: ['set'],
    registers: [registry],
  });
  const feedback = new Counter({
    name: 'kakao_faq_feedback_total',
    help: 'User feedback by kind (up, down, handoff, …)',
    labelNames: ['kind'],
    registers: [registry],
  });

  const clipped = new Counter({
    name: 'kakao_faq_clipped_total',
    help: 'FAQ texts cut to fit a Kakao limit, by field (fix the data when this grows)',
    labelNames: ['field'],
    registers: [registry],
  });

  const replyCache = new Counter({
    name: 'kakao_faq_reply_cache_lookups_total',
    help: 'Skill calls that could reuse a reply, by result: hit (answered from the cache) or miss (built)',
    labelNames: ['result'],
    registers: [registry],
  });

  const embeddingCalls = new Counter({
    name: 'kakao_faq_embedding_requests_total',
    help: 'Calls to the embeddings service by kind (query, passages) and result (ok, error, timeout, aborted, rejected_open: refused at once by the open circuit breaker)',
    labelNames: ['kind', 'result'],
    registers: [registry],
  });
  const embeddingSeconds = new Histogram({
    name: 'kakao_faq_embedding_seconds',
    help: 'Time of the calls that reached the embeddings service, by kind (query, passages)',
    labelNames: ['kind'],
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const semanticState = new Gauge({
    name: 'kakao_faq_semantic_state',
    help: 'Semantic matching stage: 0 off (lexical only), 1 ok, 2 degraded (embeddings service failing; lexical answers)',
    registers: [registry],
    // in a cluster: the worst worker
    aggregator: 'max',
  });

  const entryVectors = new Gauge({
    name: 'kakao_faq_entry_vectors',
    help: "Entry vectors of each FAQ set's serving snapshot: 1 for its state (attached, building, unavailable), 0 for the others; in a cluster, the number of workers in each state",
    labelNames: ['set', 'state'],
    registers: [registry],
  });
  const entryVectorBuilds = new Counter({
    name: 'kakao_faq_entry_vector_builds_total',
    help: 'Attempts to build a FAQ set\'s entry vectors, by result: ok (attached) or error (the set is matched lexically and the build retried)',
    labelNames: ['set', 'result'],
    registers: [registry],
  });

  const losses = {
    log: lossCounter(registry, 'kakao_faq_log_lines_dropped_total', 'Log lines dropped because stdout could not take them, by reason (ENOSPC, EPIPE, EIO, … or backlog_full: output too slow)'),
    feedback: lossCounter(registry, 'kakao_faq_feedback_lost_total', 'Ratings that could not be written to the feedback file, by reason (ENOSPC, EIO, … or backlog_full: too many writes waiting)'),
  };

  return {
    registry,
    observeSkillCall({ skill, outcome, seconds }) {
      const labels = { skill: label(skill), outcome: label(outcome) };
      duration.observe(labels, seconds);
      calls.inc(labels);
    },
    recordRateLimited: (scope) => limited.inc({ scope }),
    setFaqEntries: (set, n) => entries.set({ set: label(set) }, n),
    recordReload(set, ok) {
      reloads.inc({ set: label(set) });
      if (!ok) reloadFailures.inc({ set: label(set) });
    },
    recordFeedback: (kind) => feedback.inc({ kind: label(kind) }),
    recordClip: (field) => clipped.inc({ field: label(field) }),
    recordReplyCache: (hit) => replyCache.inc({ result: hit ? 'hit' : 'miss' }),
    countLosses: (output, read) => losses[output].push(read),
    recordConnectionShed: connectionShedCounter(registry),
    recordEmbedding({ kind, result, seconds }) {
      embeddingCalls.inc({ kind, result });
      if (seconds !== undefined) embeddingSeconds.observe({ kind }, seconds);
    },
    setSemanticState: (state) => semanticState.set(SEMANTIC_STATE_VALUE[state]),
    setEntryVectorsState(set, state) {
      for (const s of ENTRY_VECTORS_STATES) entryVectors.set({ set: label(set), state: s }, s === state ? 1 : 0);
    },
    recordEntryVectorBuild: (set, result) => entryVectorBuilds.inc({ set: label(set), result }),
  };
}

/** A counter whose value is read from its sources at each scrape; returns the list of sources to add to. */
function lossCounter(registry: Registry, name: string, help: string): (() => ReadonlyMap<string, number>)[] {
  const sources: (() => ReadonlyMap<string, number>)[] = [];
  const counter: Counter<'reason'> = new Counter({
    name,
    help,
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      counter.reset();
      for (const read of sources) for (const [reason, count] of read()) counter.inc({ reason: label(reason) }, count);
    },
  });
  return sources;
}

/**
 * Adds prom-client's process metrics (CPU, memory, GC, handles and `nodejs_eventloop_lag_*`) to a registry.
 * Called once by the server process, not by tests.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
}

/** This process's metrics. The server wires it into the app; the functions below record on it. */
export const metrics: Metrics = createMetrics();

/** Records a FAQ reload on this process's metrics (for the reload code, issue #4). */
export const recordReload = (set: string, ok: boolean): void => metrics.recordReload(set, ok);
/** Sets a FAQ set's entry count on this process's metrics. */
export const setFaqEntries = (set: string, entries: number): void => metrics.setFaqEntries(set, entries);
/** Records user feedback on this process's metrics (for the feedback code, issue #5). */
export const recordFeedback = (kind: string): void => metrics.recordFeedback(kind);
