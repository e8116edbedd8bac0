import type { RequestHandler } from 'express';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqStore } from '../faq/faq-store';
import type { FeedbackRating, FeedbackRecorder } from '../feedback/feedback';
import type { Logger } from '../log';
import { renderFeedbackErrorPage, renderFeedbackThanksPage, renderNotFoundPage } from '../pages/answer-page';
import { suggestions } from './answer-page-route';
import { pathOf, setPageHeaders } from './page-headers';

export interface FeedbackPageDeps {
  faq: () => FaqStore;
  answerUrl(id: string): string;
  feedback?: FeedbackRecorder;
}

const isRating = (v: unknown): v is FeedbackRating => v === 'up' || v === 'down';

/**
 * The answer page's "이 답변이 도움이 됐나요?" form. `POST /faq/:id/feedback` (v=up|down) records the rating
 * with `source: "page"` and no user key (a web visitor has none), then redirects (303) to
 * `GET /faq/:id/feedback?v=…`, the thank-you page, so a reload does not vote twice. GET never records:
 * link prefetchers and KakaoTalk's link preview fetch URLs without anyone asking.
 */
export function feedbackPageRoutes(deps: FeedbackPageDeps): {
  record: RequestHandler<{ id: string }>;
  thanks: RequestHandler<{ id: string }>;
} {
  const find = (id: string) => (FAQ_ID_PATTERN.test(id) ? deps.faq().get(id) : undefined);
  const notFound: RequestHandler<{ id: string }> = (_req, res) => {
    setPageHeaders(res, 'no-store');
    res.status(404).send(renderNotFoundPage(suggestions(deps.faq(), deps.answerUrl)));
  };
  return {
    async record(req, res, next) {
      const faq = deps.faq();
      const entry = find(req.params.id);
      if (!entry) return notFound(req, res, next);
      const backHref = pathOf(deps.answerUrl(entry.id));
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
          log.error({ err: error, faqId: entry.id, rating }, 'could not record page feedback');
        }
      } else {
        log.warn({ faqId: entry.id, rating }, 'no feedback store is wired; page rating not recorded');
      }
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, `${backHref}/feedback?v=${rating}`);
    },
    thanks(req, res, next) {
      const entry = find(req.params.id);
      if (!entry) return notFound(req, res, next);
      const backHref = pathOf(deps.answerUrl(entry.id));
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
