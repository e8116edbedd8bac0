import type { RequestHandler } from 'express';
import { FAQ_ID_PATTERN } from '../faq/faq-schema';
import type { FaqSets } from '../faq/faq-sets';
import { renderAnswerPage, renderNotFoundPage } from '../pages/answer-page';

const RELATED_ON_PAGE = 5;

/** `GET /faq/:id[?set=name]`: the full-answer page of an entry of the default or the named set, or a 404 page. */
export function answerPageRoute(deps: { faqSets: FaqSets; answerUrl(id: string, set?: string): string }): RequestHandler<{
  id: string;
}> {
  return (req, res) => {
    const set = typeof req.query.set === 'string' ? req.query.set : deps.faqSets.defaultSet;
    const faq = deps.faqSets.current(set)?.store;
    const entry = faq && FAQ_ID_PATTERN.test(req.params.id) ? faq.get(req.params.id) : undefined;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Answers are untrusted text: even if escaping failed somewhere, no script, frame or form could run.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    if (!faq || !entry) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(404).send(renderNotFoundPage());
      return;
    }
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.send(
      renderAnswerPage({
        entry,
        related: faq.related(entry.id, RELATED_ON_PAGE),
        pageUrl: deps.answerUrl(entry.id, set),
        pageUrlFor: (id) => deps.answerUrl(id, set),
      }),
    );
  };
}
