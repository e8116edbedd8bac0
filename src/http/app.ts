import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Handoff } from '../handoff';
import type { ClipReporter } from '../kakao';
import type { SkillCallSink } from '../events/skill-call-events';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { randomUserKeySalt } from '../user-key';
import type { AnswerPages, EdgeReplies, FaqSets, FeedbackRecorder, SkillContext, SkillRegistry } from '../skill';
import { answerPageRoute } from './answer-page-route';
import { feedbackFormGuard } from './feedback-form-guard';
import { feedbackPageRoutes } from './feedback-page-route';
import { fromBodyParserError, HttpError, sendError } from './http-error';
import { jsonBody } from './json-body';
import { metricsRoute, type MetricsSource } from './metrics-route';
import { pageUrls } from './page-urls';
import { createUserLimiter, ipLimiter } from './rate-limit';
import { createReplyCache } from './reply-cache';
import { startReplyWarming, type SnapshotFeed } from './reply-warming';
import { requireSecret } from './require-secret';
import { skillPipeline } from './skill-pipeline/pipeline';
import { runSkill, type SkillRunDeps } from './skill-pipeline/run-skill';
import { skillRoute } from './skill-route';

export interface AppDeps {
  skills: SkillRegistry;
  /** The FAQ sets to answer from; each request takes one set's current snapshot (reloads swap them). */
  faqSets: FaqSets;
  edgeReplies: EdgeReplies;
  /** What the answer pages show and how their ratings are recorded (skills/answer-pages.ts). */
  answerPages: AnswerPages;
  log: Logger;
  /** Records answer ratings from chat; absent means they are logged and dropped. (`answerPages` records the page's.) */
  feedback?: FeedbackRecorder | undefined;
  /** Receives the content clips of every skill call's replies (src/clip-log.ts); absent: clips go unreported. */
  onClip?: ClipReporter | undefined;
  /** Records skill calls and refused requests; `GET /metrics` serves it when `metricsToken` is set. */
  metrics?: Metrics;
  /** Where skill-call events also go (DATABASE_URL, src/events/); absent: the log line is their only record. */
  events?: SkillCallSink | undefined;
  /** What `GET /metrics` serves (default: `metrics.registry`; in a cluster worker: the primary's aggregate). */
  metricsSource?: MetricsSource;
  /** The semantic stage, reported by `/healthz`; absent when matching is lexical only. */
  semantic?: { readonly model: string; state(): 'ok' | 'degraded' } | undefined;
  /** What skills match with beyond the lexical matcher (src/faq/understand.ts); absent: lexical only. */
  understanding?: SkillContext['understanding'];
  /** Announces the snapshots reloads swap in, so the reply cache is warmed for them (reply-warming.ts). */
  snapshotSwaps?: SnapshotFeed | undefined;
  /** The skill route's JSON body reader (default: ./json-body.ts); its tests and the edge bench also run express.json's. */
  readJsonBody?: ((limitBytes: number) => RequestHandler) | undefined;
  config: {
    publicBaseUrl: string;
    skillSecret: string | undefined;
    skillSecretHeader: string;
    bodyLimitBytes: number;
    skillDeadlineMs: number;
    /** Debug mode: every skill reply is checked against the SkillResponse schema (VALIDATE_RESPONSES). */
    validateResponses?: boolean;
    /** How skills offer a person; absent means none. */
    handoff?: Handoff;
    /** Unset: a random salt per app, so user hashes differ after a restart (src/main.ts warns). */
    userKeySalt?: string | undefined;
    logUtterances?: boolean;
    metricsToken?: string | undefined;
    rateLimitWindowMs?: number;
    /** Skill calls per user key per window; 0 or unset = no limit. */
    userRateLimit?: number;
    /** Requests per IP per window on the other routes; 0 or unset = no limit. */
    ipRateLimit?: number;
    trustProxy?: number;
    /** Replies kept per FAQ set version for repeated questions; 0 or unset = every call runs its skill. */
    replyCacheEntries?: number;
    /** Fill the reply cache with the replies to each serving snapshot's entry questions (REPLY_CACHE_WARM). */
    replyCacheWarm?: boolean;
  };
}

/** Builds the Express app without listening, so tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  const urls = pageUrls(config.publicBaseUrl, deps.faqSets.defaultSet);

  app.use(assignRequestId(deps.log));
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);
  // The HTML pages get helmet's headers; the answer route sets its own, stricter CSP, so helmet's is off.
  app.use('/faq', helmet({ contentSecurityPolicy: false, xFrameOptions: { action: 'deny' } }));
  const windowMs = config.rateLimitWindowMs ?? 60_000;
  const userKeySalt = config.userKeySalt ?? randomUserKeySalt();
  const perIp = ipLimiter({ limit: config.ipRateLimit ?? 0, windowMs, onLimited: () => deps.metrics?.recordRateLimited('ip') });
  // Skill calls come from Kakao's few servers and are limited per user key instead (skill-pipeline/user-limit.ts); going
  // around the IP limiter for them, rather than through its skip option, keeps it off the busiest path.
  if (perIp) app.use((req, res, next) => (req.path.startsWith('/skill/') ? next() : perIp(req, res, next)));
  if (config.metricsToken && deps.metrics) {
    app.get('/metrics', metricsRoute(deps.metricsSource ?? deps.metrics.registry, config.metricsToken));
  }

  app.get('/healthz', (_req, res) => {
    const faq = deps.faqSets.current(deps.faqSets.defaultSet)!.store;
    // `degraded`: the embeddings service is failing and questions are matched lexically; still ready to serve.
    const semantic = deps.semantic ? { state: deps.semantic.state(), model: deps.semantic.model } : { state: 'off', model: null };
    res.json({ status: 'ready', faq: { entries: faq.size, version: faq.version }, faqSets: deps.faqSets.health(), semantic });
  });

  const replyCache = createReplyCache({
    maxEntries: config.replyCacheEntries ?? 0,
    onLookup: (hit) => deps.metrics?.recordReplyCache(hit),
  });
  const run: SkillRunDeps = {
    answerUrl: urls.page,
    services: { feedback: deps.feedback, handoff: config.handoff, understanding: deps.understanding, onClip: deps.onClip },
    validateResponses: config.validateResponses ?? false,
  };
  if (replyCache && config.replyCacheWarm) {
    const { skills, faqSets, log } = deps;
    const warming = { cache: replyCache, maxEntries: config.replyCacheEntries ?? 0, skills, faqSets, log };
    startReplyWarming({ ...warming, build: runSkill(run), deadlineMs: config.skillDeadlineMs }, deps.snapshotSwaps);
  }

  app.post(
    '/skill/:name',
    requireSecret(config.skillSecretHeader, config.skillSecret),
    (deps.readJsonBody ?? jsonBody)(config.bodyLimitBytes),
    skillRoute({
      skills: deps.skills,
      runCall: skillPipeline({
        faqSets: deps.faqSets,
        edgeReplies: deps.edgeReplies,
        deadlineMs: config.skillDeadlineMs,
        log: deps.log,
        ...run,
        userLimiter: createUserLimiter({
          limit: config.userRateLimit ?? 0,
          windowMs,
          onLimited: () => deps.metrics?.recordRateLimited('user'),
        }),
        metrics: deps.metrics,
        events: deps.events,
        replyCache,
        callLog: { userKeySalt, logUtterances: config.logUtterances ?? true },
      }),
    }),
  );

  // The form's key comes from the user-key salt: one secret per install, the same in every worker.
  const formGuard = feedbackFormGuard({ secret: userKeySalt, publicBaseUrl: config.publicBaseUrl });
  const pageDeps = { pages: deps.answerPages, urls };
  const feedbackPage = feedbackPageRoutes({ ...pageDeps, defaultSet: deps.faqSets.defaultSet, formGuard });
  app.get('/faq/:id', answerPageRoute({ ...pageDeps, feedbackAction: feedbackPage.action }));
  app.post('/faq/:id/feedback', express.urlencoded({ extended: false, limit: '1kb' }), feedbackPage.record);
  app.get('/faq/:id/feedback', feedbackPage.thanks);

  app.use((req, _res, next) => {
    next(new HttpError(404, 'not_found', `No route for ${req.method} ${req.path}`));
  });
  app.use(errorHandler(config.bodyLimitBytes, deps.edgeReplies));
  return app;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function assignRequestId(log: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    // Made on first use: a skill call writes its one line without it (skill-pipeline/record-call.ts), and a
    // child logger per request cost more than the rest of the edge's bookkeeping. Pages and errors read it.
    let requestLog: Logger | undefined;
    Object.defineProperty(res.locals, 'log', {
      get: () => (requestLog ??= log.child({ reqId: requestId })),
      enumerable: true,
      configurable: true,
    });
    res.setHeader('x-request-id', requestId);
    next();
  };
}

/** The one place errors become responses. Client errors name the problem; nothing else leaks. */
function errorHandler(bodyLimitBytes: number, edgeReplies: EdgeReplies): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const requestId: string | undefined = res.locals.requestId;
    const httpError = error instanceof HttpError ? error : fromBodyParserError(error, bodyLimitBytes);
    if (res.headersSent) {
      (res.locals.log as Logger | undefined)?.error({ err: error }, 'error after response started');
      return;
    }
    if ((httpError?.status ?? 500) >= 500 && req.path.startsWith('/skill/')) {
      // Never fail Kakao: the server's own trouble (out of descriptors, …) becomes the apology bubble.
      (res.locals.log as Logger | undefined)?.error({ err: error, code: httpError?.code }, 'skill request failed at the edge; answered with apology');
      res.status(200).json(edgeReplies.internalError());
      return;
    }
    if (httpError) {
      (res.locals.log as Logger | undefined)?.info({ status: httpError.status, code: httpError.code }, httpError.message);
      sendError(res, httpError, requestId);
      return;
    }
    (res.locals.log as Logger | undefined)?.error({ err: error }, 'unhandled error');
    sendError(res, new HttpError(500, 'internal_error', 'Internal error; quote the request id to support'), requestId);
  };
}
