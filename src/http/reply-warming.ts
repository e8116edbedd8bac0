import { SkillPayloadSchema, toSkillRequest, type SkillRequest } from '../kakao';
import type { Logger } from '../log';
import type { FaqSets, FaqSnapshot, SkillRegistry } from '../skill';
import { skillReplyKey, type ReplyCache } from './reply-cache';
import { CallDeadline } from './skill-pipeline/deadline';
import { keepReply } from './skill-pipeline/reuse-reply';
import { callOn } from './skill-pipeline/start-call';
import type { SkillCall, Terminal } from './skill-pipeline/step';

/**
 * Reply-cache warming: when a FAQ snapshot starts serving, the reply cache is filled with the replies to the
 * snapshot's own entry questions typed as they are written (the questions most likely asked again), so the hit
 * rate does not depend on how much traffic has gone by since the reload. The replies are built by the same end
 * of the pipeline as a live call's (runSkill), off the request path: a few questions at a time, yielding to the
 * event loop between slices. At most the cache's size; it stops when the snapshot stops serving.
 */

/** Tells the edge when a reload swaps in a new snapshot (src/main.ts publishes the FAQ sets' swaps). */
export interface SnapshotFeed {
  onSnapshot(listener: (snapshot: FaqSnapshot) => void): void;
}

export function snapshotFeed(): SnapshotFeed & { publish(snapshot: FaqSnapshot): void } {
  const listeners: ((snapshot: FaqSnapshot) => void)[] = [];
  return {
    onSnapshot: (listener) => void listeners.push(listener),
    publish: (snapshot) => listeners.forEach((listener) => listener(snapshot)),
  };
}

export interface ReplyWarmingDeps {
  cache: ReplyCache;
  /** REPLY_CACHE_ENTRIES: no more replies than the cache keeps per snapshot. */
  maxEntries: number;
  skills: SkillRegistry;
  faqSets: FaqSets;
  /** The pipeline's end (skill-pipeline/run-skill.ts): a warmed reply is exactly what a live call would get. */
  build: Terminal;
  deadlineMs: number;
  log: Logger;
}

/** Questions per slice between yields: a reply costs a few hundred µs, so a slice stays around a millisecond or two. */
const SLICE = 8;

/** A typed message with nothing but its text: what a user typing an entry's question sends. */
const TYPED = toSkillRequest(SkillPayloadSchema.parse({ userRequest: { utterance: '', user: {} }, action: {} }));

/** Warms `snapshot` (see the module comment); resolves with how many replies it kept. Never rejects. */
function replyWarmer(deps: ReplyWarmingDeps): (snapshot: FaqSnapshot) => Promise<number> {
  const skills = [...deps.skills.values()].filter((skill) => skill.replyKey);
  return async (snapshot) => {
    const log = deps.log.child({ faqSet: snapshot.set, faqVersion: snapshot.store.version });
    const started = performance.now();
    let kept = 0;
    const entries = snapshot.store.entries;
    for (let i = 0; i < entries.length && kept < deps.maxEntries; i++) {
      if (i % SLICE === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (deps.faqSets.current(snapshot.set) !== snapshot) break;
      }
      const request: SkillRequest = { ...TYPED, utterance: entries[i]!.question };
      for (const skill of skills) if (await warmOne(deps, snapshot, skill, request, log)) kept++;
    }
    log.info({ replies: kept, ms: Math.round(performance.now() - started) }, 'reply cache warmed');
    return kept;
  };
}

async function warmOne(deps: ReplyWarmingDeps, snapshot: FaqSnapshot, skill: SkillCall['skill'], request: SkillRequest, log: Logger): Promise<boolean> {
  const key = skillReplyKey(skill, request);
  if (key === undefined) return false;
  const call = callOn(snapshot, { skill, request, requestId: 'reply-cache-warming' }, deps.log);
  call.deadline = new CallDeadline(deps.deadlineMs);
  try {
    return keepReply(deps.cache, snapshot, key, await deps.build(call));
  } catch (error) {
    log.warn({ err: error, utterance: request.utterance.slice(0, 100) }, 'reply cache warming skipped a question');
    return false;
  }
}

/** Warms every set's serving snapshot now, and each snapshot `swaps` announces later. */
export function startReplyWarming(deps: ReplyWarmingDeps, swaps: SnapshotFeed | undefined): void {
  const warm = replyWarmer(deps);
  for (const set of Object.keys(deps.faqSets.health())) {
    const snapshot = deps.faqSets.current(set);
    if (snapshot) void warm(snapshot);
  }
  swaps?.onSnapshot((snapshot) => void warm(snapshot));
}
