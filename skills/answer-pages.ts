import { FAQ_ID_PATTERN } from '../src/faq/faq-schema';
import { helpCenterSearchUrl } from '../src/faq/help-center-search-url';
import { FeedbackNotStoredError } from '../src/feedback/feedback';
import type { AnswerPages, FaqSets, FeedbackRecorder } from '../src/skill';

/**
 * What the answer pages show, read from the FAQ sets the skill answers from: the page of an entry is the
 * long form of the skill's answer card ("전체 답변 보기"), so it reads the same data the same way.
 * `feedback` records the page's ratings; absent, they are logged and dropped.
 */
export function answerPages(deps: { faqSets: FaqSets; feedback?: FeedbackRecorder | undefined }): AnswerPages {
  const { faqSets, feedback } = deps;
  return {
    find(set, id) {
      const store = faqSets.current(set)?.store;
      // the id comes from a URL: one that no entry could have is not looked up
      const entry = store && FAQ_ID_PATTERN.test(id) ? store.get(id) : undefined;
      if (!store || !entry) return undefined;
      return {
        entry,
        faqVersion: store.version,
        related: (limit) => store.related(entry.id, limit),
        // the same link as the answer card's button (skills/faq/replies/answer.ts)
        ...(entry.answerComplete === false ? { helpCenterUrl: helpCenterSearchUrl(entry.question) } : {}),
      };
    },
    suggestions(set, limit) {
      const store = faqSets.current(set)?.store ?? faqSets.current(faqSets.defaultSet)?.store;
      if (!store) return [];
      return store
        .topCategories()
        .slice(0, limit)
        .flatMap(({ name }) => store.inCategory([name]).slice(0, 1));
    },
    async rate({ entry, faqVersion }, rating, log) {
      if (!feedback) {
        log.warn({ faqId: entry.id, rating }, 'no feedback store is wired; page rating not recorded');
        return;
      }
      try {
        await feedback.record({ rating, source: 'page', faqId: entry.id, faqVersion, question: entry.question });
      } catch (error) {
        // a lost rating is counted and logged once per failing spell by the store
        if (!(error instanceof FeedbackNotStoredError)) log.error({ err: error, faqId: entry.id, rating }, 'could not record page feedback');
      }
    },
  };
}
