import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { checkSkillPayload, toSkillRequest } from '../kakao';
import type { SkillRegistry } from '../skill';
import { HttpError } from './http-error';
import { findTooDeep, MAX_JSON_DEPTH, shortPath } from './json-depth';
import type { SkillCallStart } from './skill-pipeline/pipeline';
import type { SkillOutcome } from './skill-pipeline/step';

export interface SkillRouteDeps {
  skills: SkillRegistry;
  /** Everything after the payload check (src/http/skill-pipeline/pipeline.ts). */
  runCall(start: SkillCallStart): Promise<SkillOutcome>;
}

/**
 * `POST /skill/:name`: finds the skill, checks the payload and maps it to our SkillRequest, then hands the call
 * to the pipeline. Bad input is the caller's problem and gets a 4xx naming it; once the payload is valid,
 * Kakao always gets HTTP 200 with a valid SkillResponse, whatever happens inside the skill.
 */
export function skillRoute(deps: SkillRouteDeps): RequestHandler<{ name: string }> {
  return async (req, res) => {
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
    // SkillPayloadSchema.safeParse, compiled: the same result for less CPU (src/kakao/payload-fast-path.ts)
    const parsed = checkSkillPayload(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpError(400, 'invalid_payload', `Body is not a Kakao SkillPayload:\n${z.prettifyError(parsed.error)}`, {
        path: issue ? issue.path.join('.') : '',
      });
    }

    const request = toSkillRequest(parsed.data, req.body);
    const outcome = await deps.runCall({ skill, request, requestId: res.locals.requestId as string });
    sendJsonBody(res, outcome.reply.body);
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
