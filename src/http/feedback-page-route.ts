import type { Request, RequestHandler, Response } from 'express';
import { COPY } from '../copy';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqSets } from '../faq/sets/set-selection';
import type { FaqStore } from '../faq/faq-store';
import { FeedbackNotStoredError, type FeedbackRating, type FeedbackRecorder } from '../feedback/feedback';
import type { Logger } from '../log';
import { renderFeedbackErrorPage, renderFeedbackThanksPage, renderNotFoundPage } from '../pages/answer-page';
import { suggestions } from './answer-page-route';
import type { FeedbackFormGuard, FormRefusal } from './feedback-form-guard';
import { HttpError, sendError } from './http-error';
import { pathOf, setPageHeaders } from './page-headers';

export interface FeedbackPageDeps {
  faqSets: FaqSets;
  answerUrl(id: string, set?: string): string;
  feedback?: FeedbackRecorder;
  /** Refuses votes posted from other sites or without a recent page's token. */
  formGuard: FeedbackFormGuard;
}

const REFUSALS: Record<FormRefusal, { page: string; message: string }> = {
  cross_site_form: {
    page: COPY.feedback.pageCrossSite,
    message: "Ratings are taken only from this server's own answer page; this form was posted from another site",
  },
  stale_form: {
    page: COPY.feedback.pageStale,
    message: 'The form token is missing, invalid or more than a day old; reload the answer page and rate again',
  },
};

const isRating = (v: unknown): v is FeedbackRating => v === 'up' || v === 'down';

/**
 * The answer page's "이 답변이 도움이 됐나요?" form. `POST /faq/:id/feedback?t=<token>` (v=up|down) records the
 * rating with `source: "page"` and no user key (a web visitor has none), then redirects (303) to
 * `GET /faq/:id/feedback?v=…`, the thank-you page, so a reload does not vote twice. GET never records:
 * link prefetchers and KakaoTalk's link preview fetch URLs without anyone asking. A POST from another site
 * or without a recent token of that page gets 403 (src/http/feedback-form-guard.ts says why both).
 */
export function feedbackPageRoutes(deps: FeedbackPageDeps): {
  record: RequestHandler<{ id: string }>;
  thanks: RequestHandler<{ id: string }>;
  /** Where the page of entry `id` of `set` posts its form: this route, with the set and the page's token. */
  action(id: string, set: string): string;
} {
  // The page of an entry of another set than the default carries `?set=<name>`, and so do its form and redirects.
  const setOf = (query: unknown): string => {
    const set = (query as Record<string, unknown> | undefined)?.set;
    return typeof set === 'string' ? set : deps.faqSets.defaultSet;
  };
  const storeOf = (set: string): FaqStore | undefined => deps.faqSets.current(set)?.store;
  const find = (id: string, set: string) => (FAQ_ID_PATTERN.test(id) ? storeOf(set)?.get(id) : undefined);
  const backHrefOf = (id: string, set: string) => {
    const url = new URL(deps.answerUrl(id, set));
    return `${pathOf(url.href)}${url.search}`;
  };
  const withRating = (href: string, rating: string) => `${href.replace(/\?.*$/, '')}/feedback?v=${rating}${href.includes('?') ? `&${href.split('?')[1]}` : ''}`;
  const notFound: RequestHandler<{ id: string }> = (_req, res) => {
    setPageHeaders(res, 'no-store');
    const fallback = storeOf(deps.faqSets.defaultSet);
    res.status(404).send(renderNotFoundPage(fallback ? suggestions(fallback, deps.answerUrl) : []));
  };
  const refuse = (req: Request, res: Response, refusal: FormRefusal, backHref: string) => {
    (res.locals.log as Logger).info({ code: refusal, origin: req.get('origin')?.slice(0, 200) }, 'page rating refused');
    if (req.accepts(['html', 'json']) === 'json') return sendError(res, new HttpError(403, refusal, REFUSALS[refusal].message), res.locals.requestId);
    setPageHeaders(res, 'no-store');
    res.status(403).send(renderFeedbackErrorPage(backHref, REFUSALS[refusal].page));
  };
  return {
    action(id, set) {
      const query = new URLSearchParams({ ...(set === deps.faqSets.defaultSet ? {} : { set }), t: deps.formGuard.token(set, id) });
      return `${pathOf(deps.answerUrl(id))}/feedback?${query.toString()}`;
    },
    async record(req, res, next) {
      const set = setOf(req.query);
      const faq = storeOf(set);
      const entry = find(req.params.id, set);
      if (!faq || !entry) return notFound(req, res, next);
      const backHref = backHrefOf(entry.id, set);
      const refusal = deps.formGuard.refusal(req, set, entry.id);
      if (refusal) return refuse(req, res, refusal, backHref);
      const rating: unknown = (req.body as Record<string, unknown> | undefined)?.v;
      if (!isRating(rating)) {
        setPageHeaders(res, 'no-store');
        res.status(400).send(renderFeedbackErrorPage(backHref));
        return;
      }
      const log: Logger = res.locals.log;
      if (deps.feedback) {
        try {
          await deps.feedback.record({ rating, source: 'page', faqId: entry.id, faqVersion: faq.version, question: entry.question });
        } catch (error) {
          // a lost rating is counted and logged once per failing spell by the store
          if (!(error instanceof FeedbackNotStoredError)) log.error({ err: error, faqId: entry.id, rating }, 'could not record page feedback');
        }
      } else {
        log.warn({ faqId: entry.id, rating }, 'no feedback store is wired; page rating not recorded');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, withRating(backHref, rating));
    },
    thanks(req, res, next) {
      const set = setOf(req.query);
      const entry = find(req.params.id, set);
      if (!entry) return notFound(req, res, next);
      const backHref = backHrefOf(entry.id, set);
      const rating = req.query.v;
      if (!isRating(rating)) {
        res.redirect(303, backHref);
        return;
      }
      setPageHeaders(res, 'no-store');
      res.send(renderFeedbackThanksPage({ question: entry.question, rating, backHref }));
    },
  };
}
