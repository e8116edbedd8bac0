import type { RequestHandler } from 'express';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqStore } from '../faq/faq-store';
import { renderAnswerPage, renderNotFoundPage } from '../pages/answer-page';

const RELATED_ON_PAGE = 5;

/** `GET /faq/:id`: the full-answer page, or a helpful 404 page. */
export function answerPageRoute(deps: { faq: () => FaqStore; answerUrl(id: string): string }): RequestHandler<{
  id: string;
}> {
  return (req, res) => {
    const faq = deps.faq();
    const entry = FAQ_ID_PATTERN.test(req.params.id) ? faq.get(req.params.id) : undefined;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Answers are untrusted text: even if escaping failed somewhere, no script, frame or form could run.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    if (!entry) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(404).send(renderNotFoundPage());
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.send(
      renderAnswerPage({
        entry,
        related: faq.related(entry.id, RELATED_ON_PAGE),
        pageUrl: deps.answerUrl(entry.id),
        pageUrlFor: deps.answerUrl,
      }),
    );
  };
}
