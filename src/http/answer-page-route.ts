import type { RequestHandler } from 'express';
import { renderAnswerPage, renderNotFoundPage } from '../pages/answer-page';
import type { AnswerPages } from '../skill';
import type { PageUrls } from './page-urls';
import { sendPage } from './page-response';

const RELATED_ON_PAGE = 5;
const SUGGESTIONS_ON_404 = 5;

/** `GET /faq/:id[?set=name]`: the full-answer page of an entry of the default or the named set, or a 404 page. */
export function answerPageRoute(deps: {
  pages: AnswerPages;
  urls: PageUrls;
  /** Where the page's feedback form posts (src/http/feedback-page-route.ts). */
  feedbackAction(id: string, set: string): string;
}): RequestHandler<{
  id: string;
}> {
  return (req, res) => {
    const set = deps.urls.setOf(req.query);
    const page = deps.pages.find(set, req.params.id);
    if (!page) {
      sendPage(res, 404, 'no-store', notFoundPage(deps, set));
      return;
    }
    const { entry } = page;
    sendPage(
      res,
      200,
      'public, max-age=300',
      renderAnswerPage({
        entry,
        related: page.related(RELATED_ON_PAGE),
        pageUrl: deps.urls.page(entry.id, set),
        pageUrlFor: (id) => deps.urls.page(id, set),
        feedbackAction: deps.feedbackAction(entry.id, set),
        helpCenterUrl: page.helpCenterUrl,
      }),
    );
  };
}

/** The 404 page, with a few questions of `set` (or of the default set when there is no such set) to go to. */
export function notFoundPage(deps: { pages: AnswerPages; urls: PageUrls }, set: string): string {
  const suggestions = deps.pages.suggestions(set, SUGGESTIONS_ON_404);
  // a suggestion found in `set` links within it; the default set's (when `set` names no set) links there
  const linkSet = (id: string) => (deps.pages.find(set, id) ? set : undefined);
  return renderNotFoundPage(suggestions.map((e) => ({ href: deps.urls.page(e.id, linkSet(e.id)), question: e.question })));
}
