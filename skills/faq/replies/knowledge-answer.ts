import { COPY } from '../../../src/copy';
import {
  button,
  charLength,
  excerpt,
  KAKAO_LIMITS,
  simpleImage,
  simpleText,
  skillResponse,
  textCard,
  type ClipOptions,
  type Output,
  type SkillResponse,
} from '../../../src/kakao';
import { safeHttpUrl } from '../../../src/kakao/url';
import { feedbackQuickReplies } from '../parts/feedback-chips';
import { KNOWLEDGE_TEXT_MAX, knowledgeId, type KnowledgeEntry } from '../parts/knowledge';
import { homeQuickReply } from '../parts/nav';

/**
 * One knowledge entry as an answer: its image (simpleImage) when it has one, the answer in a textCard when
 * question + answer fit 400 characters, else in a simpleText (up to 1000) with the landing link on a card.
 * Links and images are used only when they are http(s) URLs.
 */
export function knowledgeAnswerReply(clip: ClipOptions, k: KnowledgeEntry, asked: string | undefined): SkillResponse {
  const landing = k.landingUrl ? safeHttpUrl(k.landingUrl) : undefined;
  const image = k.imageUrl ? safeHttpUrl(k.imageUrl) : undefined;
  const title = k.question || k.categories[k.categories.length - 1] || undefined;
  const landingButtons = landing ? [button.webLink(COPY.answer.landingButton, landing)] : undefined;
  const outputs: Output[] = [];
  if (image) outputs.push(simpleImage(image, title ?? k.answer, clip));
  const room = KAKAO_LIMITS.textCard.description - Math.min(charLength(title ?? ''), KAKAO_LIMITS.textCard.title);
  const text = excerpt(k.answer || title || '', KNOWLEDGE_TEXT_MAX);
  if (charLength(k.answer) <= room) {
    // usableKnowledges guarantees a question or an answer, so the card is never empty
    const card = title === undefined ? { description: k.answer } : { title, ...(k.answer ? { description: k.answer } : {}) };
    outputs.push(textCard({ ...card, buttons: landingButtons }, clip));
  } else {
    outputs.push(simpleText(title ? excerpt(`${title}\n\n${k.answer}`, KNOWLEDGE_TEXT_MAX) : text, clip));
    if (landingButtons) outputs.push(textCard({ description: COPY.knowledge.landingOnly, buttons: landingButtons }, clip));
  }
  const id = knowledgeId(k);
  return skillResponse({
    outputs,
    quickReplies: [...feedbackQuickReplies(clip, { faqId: id, question: k.question, asked }), homeQuickReply(clip)],
    data: {
      outcome: 'answer',
      source: 'knowledge',
      knowledgeId: id,
      question: k.question,
      answer: text,
      answerTruncated: text !== k.answer,
      categories: [...k.categories],
      ...(landing ? { landingUrl: landing } : {}),
      ...(image ? { imageUrl: image } : {}),
    },
    onClip: clip.onClip,
  });
}
