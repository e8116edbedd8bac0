import type { RequestHandler } from 'express';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqStore } from '../faq/faq-store';
import { renderAnswerPage, renderNotFoundPage } from '../pages/answer-page';
import { pathOf, setPageHeaders } from './page-headers';

const RELATED_ON_PAGE = 5;
const SUGGESTIONS_ON_404 = 5;

/** `GET /faq/:id`: the full-answer page, or a helpful 404 page. */
export function answerPageRoute(deps: { faq: () => FaqStore; answerUrl(id: string): string }): RequestHandler<{
  id: string;
}> {
  return (req, res) => {
    const faq = deps.faq();
    const entry = FAQ_ID_PATTERN.test(req.params.id) ? faq.get(req.params.id) : undefined;
    if (!entry) {
      setPageHeaders(res, 'no-store');
      res.status(404).send(renderNotFoundPage(suggestions(faq, deps.answerUrl)));
      return;
    }
    setPageHeaders(res, 'public, max-age=300');
    res.send(
      renderAnswerPage({
        entry,
        related: faq.related(entry.id, RELATED_ON_PAGE),
        pageUrl: deps.answerUrl(entry.id),
        pageUrlFor: deps.answerUrl,
        feedbackAction: `${pathOf(deps.answerUrl(entry.id))}/feedback`,
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
