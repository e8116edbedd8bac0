import { understand } from '../../../src/faq/understand';
import type { SkillRequest, SkillResponse } from '../../../src/kakao';
import type { SkillContext } from '../../../src/skill';
import { readFollowUp } from '../parts/followup';
import { asksForPerson } from '../parts/handoff';
import { topCategoryNames } from '../parts/nav';
import { namesNoTopic, splitSmallTalk } from '../parts/small-talk';
import { answerEntry } from '../replies/answer';
import { clarifyReply } from '../replies/clarify';
import { fallbackReply } from '../replies/fallback';
import { handoffReply } from '../replies/handoff';
import { smallTalkReply } from '../replies/small-talk';

/** Questions offered after a follow-up that matched nothing: the previous answer's neighbours. */
const FOLLOW_UP_RELATED = 4;

/**
 * A typed question, matched with the follow-up context as a prior. In order: an answer when the match is
 * clear; a person when no answer is clear and the message asks for one; "which one?" when the match is
 * unsure; small talk when a greeting or thanks wraps words about the conversation only; else the fallback.
 */
export async function answerTypedQuestion(request: SkillRequest, context: SkillContext): Promise<SkillResponse> {
  const { faq } = context;
  const clip = { onClip: context.onClip };
  const utterance = request.utterance;
  const followUp = readFollowUp(request, faq);
  const matchOptions = followUp ? { contextCategories: followUp.categories } : undefined;
  const meaning = { ...context.understanding, signal: context.signal };
  let match = await understand(faq, utterance, { ...matchOptions, ...meaning });
  // matched lexically only for now: a later asker of the same words may get the semantic stage's answer
  if (match.stage === 'lexical-degraded' || match.stage === 'lexical-pending') context.doNotReuse?.();
  // "안녕하세요! 월렛이란 무엇인가요?": when the whole message finds no answer, the question without the greeting may
  // (lexically only when the semantic stage just failed: a second call would fail the same way, on the same deadline)
  const { question, aside } = match.outcome === 'answer' ? { question: '', aside: undefined } : splitSmallTalk(utterance);
  if (question !== '' && question !== utterance.trim()) {
    const retry = match.stage === 'lexical-degraded' ? { ...matchOptions } : { ...matchOptions, ...meaning };
    const again = await understand(faq, question, retry);
    if (again.outcome === 'answer' || (again.outcome === 'clarify' && match.outcome === 'fallback')) match = again;
  }
  const [best] = match.hits;
  if (match.outcome === 'answer' && best) return answerEntry(context, best.entry.id, best.confidence, utterance, followUp);
  if (asksForPerson(utterance)) {
    return handoffReply(clip, context.handoff, {
      lastUtterance: followUp?.utterance ?? utterance,
      faqId: followUp?.faqId,
      categories: followUp?.categories,
    });
  }
  const topCategories = topCategoryNames(faq);
  if (match.outcome === 'clarify' && match.hits.length > 0) return clarifyReply(clip, match.hits, topCategories, utterance);
  // a greeting or thanks around words about the conversation ("질문이 하나 있어요"); around a topic the FAQ
  // cannot answer ("…우주선 발사 일정 알려주세요 감사합니다") the honest fallback is the reply
  if (aside && aside !== 'light' && namesNoTopic(question)) return smallTalkReply(clip, aside, topCategories);
  return fallbackReply(clip, topCategories, undefined, {
    related: followUp?.entry ? faq.related(followUp.entry.id, FOLLOW_UP_RELATED) : undefined,
    handoff: context.handoff,
    topic: { lastUtterance: utterance, faqId: followUp?.faqId, categories: followUp?.categories },
  });
}
