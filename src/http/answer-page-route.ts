import type { RequestHandler } from 'express';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqSets } from '../faq/sets/set-selection';
import type { FaqStore } from '../faq/faq-store';
import { renderAnswerPage, renderNotFoundPage } from '../pages/answer-page';
import { setPageHeaders } from './page-headers';

const RELATED_ON_PAGE = 5;
const SUGGESTIONS_ON_404 = 5;

/** `GET /faq/:id[?set=name]`: the full-answer page of an entry of the default or the named set, or a 404 page. */
export function answerPageRoute(deps: {
  faqSets: FaqSets;
  answerUrl(id: string, set?: string): string;
  /** Where the page's feedback form posts (src/http/feedback-page-route.ts). */
  feedbackAction(id: string, set: string): string;
}): RequestHandler<{
  id: string;
}> {
  return (req, res) => {
    const set = typeof req.query.set === 'string' ? req.query.set : deps.faqSets.defaultSet;
    const faq = deps.faqSets.current(set)?.store;
    const entry = faq && FAQ_ID_PATTERN.test(req.params.id) ? faq.get(req.params.id) : undefined;
    if (!faq || !entry) {
      setPageHeaders(res, 'no-store');
      const fallbackStore = faq ?? deps.faqSets.current(deps.faqSets.defaultSet)?.store;
      res.status(404).send(renderNotFoundPage(fallbackStore ? suggestions(fallbackStore, deps.answerUrl) : []));
      return;
    }
    setPageHeaders(res, 'public, max-age=300');
    res.send(
      renderAnswerPage({
        entry,
        related: faq.related(entry.id, RELATED_ON_PAGE),
        pageUrl: deps.answerUrl(entry.id, set),
        pageUrlFor: (id) => deps.answerUrl(id, set),
        feedbackAction: deps.feedbackAction(entry.id, set),
      }),
    );
  };
}

/** One question from each of the largest services: somewhere to go from a dead link. */
export function suggestions(faq: FaqStore, answerUrl: (id: string) => string): { href: string; question: string }[] {
  return faq
    .topCategories()
    .slice(0, SUGGESTIONS_ON_404)
    .flatMap(({ name }) => faq.inCategory([name]).slice(0, 1))
    .map((e) => ({ href: answerUrl(e.id), question: e.question }));
}
