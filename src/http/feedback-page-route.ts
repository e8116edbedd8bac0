import type { Request, RequestHandler, Response } from 'express';
import { COPY } from '../copy';
import type { Logger } from '../log';
import { renderFeedbackErrorPage, renderFeedbackThanksPage } from '../pages/answer-page';
import type { AnswerPages, FeedbackRating } from '../skill';
import { notFoundPage } from './answer-page-route';
import type { FeedbackFormGuard, FormRefusal } from './feedback-form-guard';
import { HttpError, sendError } from './http-error';
import { sendPage } from './page-response';
import type { PageUrls } from './page-urls';

export interface FeedbackPageDeps {
  /** Finds the rated entry and records the rating. */
  pages: AnswerPages;
  urls: PageUrls;
  /** The set whose questions a 404 here suggests. */
  defaultSet: string;
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
  const notFound: RequestHandler<{ id: string }> = (_req, res) => {
    sendPage(res, 404, 'no-store', notFoundPage(deps, deps.defaultSet));
  };
  const refuse = (req: Request, res: Response, refusal: FormRefusal, backHref: string) => {
    (res.locals.log as Logger).info({ code: refusal, origin: req.get('origin')?.slice(0, 200) }, 'page rating refused');
    if (req.accepts(['html', 'json']) === 'json') return sendError(res, new HttpError(403, refusal, REFUSALS[refusal].message), res.locals.requestId);
    sendPage(res, 403, 'no-store', renderFeedbackErrorPage(backHref, REFUSALS[refusal].page));
  };
  return {
    action: (id, set) => deps.urls.feedbackAction(id, set, deps.formGuard.token(set, id)),
    async record(req, res, next) {
      const set = deps.urls.setOf(req.query);
      const page = deps.pages.find(set, req.params.id);
      if (!page) return notFound(req, res, next);
      const backHref = deps.urls.pageHref(page.entry.id, set);
      const refusal = deps.formGuard.refusal(req, set, page.entry.id);
      if (refusal) return refuse(req, res, refusal, backHref);
      const rating: unknown = (req.body as Record<string, unknown> | undefined)?.v;
      if (!isRating(rating)) {
        sendPage(res, 400, 'no-store', renderFeedbackErrorPage(backHref));
        return;
      }
      await deps.pages.rate(page, rating, res.locals.log as Logger);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, deps.urls.thanksHref(backHref, rating));
    },
    thanks(req, res, next) {
      const set = deps.urls.setOf(req.query);
      const page = deps.pages.find(set, req.params.id);
      if (!page) return notFound(req, res, next);
      const backHref = deps.urls.pageHref(page.entry.id, set);
      const rating = req.query.v;
      if (!isRating(rating)) {
        res.redirect(303, backHref);
        return;
      }
      sendPage(res, 200, 'no-store', renderFeedbackThanksPage({ question: page.entry.question, rating, backHref }));
    },
  };
}
