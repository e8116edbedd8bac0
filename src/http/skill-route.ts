import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { FaqSets } from '../faq/sets/set-selection';
import { SkillPayloadSchema, SkillResponseSchema, toSkillRequest, type SkillResponse } from '../kakao';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { EdgeReplies, SkillContext, SkillRegistry } from '../skill';
import { DeadlineError, withDeadline } from './deadline';
import { stampFaqSet } from './faq-set-stamp';
import { HttpError } from './http-error';
import { findTooDeep, MAX_JSON_DEPTH, shortPath } from './json-depth';
import { rateLimitedReply, type UserLimiter } from './rate-limit';
import type { ReplyCache } from './reply-cache';
import { skillCallRecord, type SkillCallLogOptions, type SkillCallStatus } from './skill-call-log';

export interface SkillRouteDeps {
  skills: SkillRegistry;
  faqSets: FaqSets;
  edgeReplies: EdgeReplies;
  deadlineMs: number;
  /** The answer page of an entry of `set` (the default set when omitted). */
  answerUrl(faqId: string, set?: string): string;
  /** Services handed to every skill call as they are (feedback recorder, handoff). */
  services?: Pick<SkillContext, 'feedback' | 'handoff' | 'understanding'>;
  /** Per-user-key limit: a user over it gets a polite bubble instead of an answer (still HTTP 200). */
  userLimiter?: UserLimiter;
  metrics?: Metrics;
  callLog: SkillCallLogOptions;
  /** Replies to reuse for skills that name a `replyKey`; absent means every call runs its skill. */
  replyCache?: ReplyCache;
}

/**
 * `POST /skill/:name`. Bad input is the caller's problem and gets a 4xx naming it; once the payload
 * is valid, Kakao always gets HTTP 200 with a valid SkillResponse, whatever happens inside the skill.
 */
export function skillRoute(deps: SkillRouteDeps): RequestHandler<{ name: string }> {
  return async (req, res) => {
    const log: Logger = res.locals.log;
    const requestId: string = res.locals.requestId;
    const skill = deps.skills.get(req.params.name);
    if (!skill) {
      throw new HttpError(404, 'unknown_skill', `No skill named "${req.params.name}"`, {
        skills: [...deps.skills.keys()],
      });
    }
    if (req.body === undefined) {
      throw new HttpError(415, 'unsupported_media_type', 'Content-Type must be application/json');
    }
    // Before anything recursive touches the body: 10,000 nested arrays in action.params once made
    // JSON.stringify overflow the stack and answer 500.
    const tooDeep = findTooDeep(req.body, MAX_JSON_DEPTH);
    if (tooDeep) {
      const path = shortPath(tooDeep);
      throw new HttpError(400, 'too_deeply_nested', `Body nests deeper than ${MAX_JSON_DEPTH} levels (at ${path})`, {
        path,
        maxDepth: MAX_JSON_DEPTH,
      });
    }
    const parsed = SkillPayloadSchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'invalid_payload', `Body is not a Kakao SkillPayload:\n${z.prettifyError(parsed.error)}`, {
        path: issue ? issue.path.join('.') : '',
      });
    }

    const request = toSkillRequest(parsed.data, req.body);
    // taken once: the whole call answers from this snapshot even if a reload swaps the set meanwhile
    const selection = deps.faqSets.select(request);
    const { snapshot } = selection;
    const callLog = log.child({ faqSet: snapshot.set, faqVersion: snapshot.store.version });
    if (selection.unknownSet !== undefined) {
      callLog.warn({ faqSetParam: selection.unknownSet, via: selection.via }, 'the faqSet parameter names no FAQ set; ignored');
    }
    const answerUrl = (faqId: string) => deps.answerUrl(faqId, snapshot.set);
    const started = performance.now();
    const limited = deps.userLimiter ? await deps.userLimiter.isOver(request.userId) : false;
    const replyKey = !limited && deps.replyCache && skill.replyKey ? skill.replyKey(request) : undefined;
    const cacheKey = replyKey === undefined ? undefined : `${skill.name}\u0000${replyKey}`;
    // the snapshot is the scope: a reload's new data never answers from replies built on the old
    let reply = cacheKey === undefined ? undefined : deps.replyCache?.get(snapshot, cacheKey);
    const cached = reply !== undefined;
    let status: SkillCallStatus = limited ? 'rate_limited' : 'ok';
    let reusable = true;
    if (!reply) {
      let response: SkillResponse;
      try {
        const raw = limited
          ? rateLimitedReply()
          : await withDeadline(deps.deadlineMs, (signal) =>
              skill.handle(request, {
                faq: snapshot.store,
                log: callLog,
                requestId,
                answerUrl,
                signal,
                doNotReuse: () => (reusable = false),
                ...deps.services,
              }),
            );
        // Builders guarantee the shape; this check turns a builder bug into an apology, not a broken bubble.
        const checked = SkillResponseSchema.safeParse(raw);
        if (!checked.success) throw new Error(`skill returned an invalid SkillResponse: ${z.prettifyError(checked.error)}`);
        response = raw;
      } catch (error) {
        if (error instanceof DeadlineError) {
          status = 'deadline';
          callLog.warn({ skill: skill.name, deadlineMs: deps.deadlineMs }, 'skill deadline exceeded; answered with apology');
          response = deps.edgeReplies.deadlineExceeded();
        } else {
          status = 'error';
          callLog.error({ skill: skill.name, err: error }, 'skill failed; answered with apology');
          response = deps.edgeReplies.internalError();
        }
      }
      const stamped = stampFaqSet(response, snapshot);
      reply = { body: JSON.stringify(stamped), data: stamped.data };
      // only replies the skill itself built: an apology or a rate-limit bubble is about this call, not the question
      // nor one the skill built in a passing condition (the semantic stage down): the next asker deserves better
      if (cacheKey !== undefined && status === 'ok' && reusable) deps.replyCache?.set(snapshot, cacheKey, reply);
    }
    const call = skillCallRecord(
      {
        skill: skill.name,
        status,
        request,
        data: reply.data,
        faqSet: snapshot.set,
        faqVersion: snapshot.store.version,
        ms: performance.now() - started,
        cached,
      },
      deps.callLog,
    );
    // the child logger already carries faqSet and faqVersion
    const { faqSet: _set, faqVersion: _version, ...fields } = call;
    callLog.info(fields, 'skill call');
    deps.metrics?.observeSkillCall({ skill: call.skill, outcome: call.outcome, seconds: call.ms / 1000 });
    sendJsonBody(res, reply.body);
  };
}

/**
 * Sends an already serialised JSON reply. `res.json` would serialise it again and hash it for an ETag, which
 * Kakao never sends back; the reply is the same JSON either way.
 */
function sendJsonBody(res: Response, body: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'));
  res.end(body);
}
