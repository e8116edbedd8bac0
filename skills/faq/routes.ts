import type { SkillRequest, SkillResponse } from '../../src/kakao';
import type { SkillContext } from '../../src/skill';
import { answerKnowledgePick } from './handlers/knowledge-pick';
import { answerMatchedKnowledge } from './handlers/knowledge-match';
import { answerPickedQuestion } from './handlers/question-pick';
import { answerSmallTalk } from './handlers/small-talk';
import { answerTypedQuestion } from './handlers/typed-question';
import { askForQuestion } from './handlers/empty-utterance';
import { askToRephrase } from './handlers/rephrase';
import { browse } from './handlers/browse';
import { home } from './handlers/home';
import { offerWaysOn } from './handlers/none-of-these';
import { rateAnswer } from './handlers/rating';
import { usableKnowledges } from './parts/knowledge';
import { isHomeUtterance } from './parts/nav';
import { smallTalkOf } from './parts/small-talk';
import { readTap, type FaqTap, type TapWith } from './parts/tap';

/**
 * How the FAQ skill routes a message: the first route whose test holds handles it. Each handler is a plain
 * function of the request, the skill context and the tap read from `clientExtra`, in a file of its own
 * (./handlers); handlers share replies (./replies) and parts (./parts), never each other.
 *
 * THE ORDER IS BEHAVIOUR. Taps come first and are routed by their `extra`, never by their text (a chip's text
 * is also a question an FAQ may hold), in this precedence when a forged or merged `extra` carries several:
 * a rating before anything (its `faqId` names the rated answer, not a question to answer), a 지식+ pick, a
 * picked entry of this set (an id it no longer holds is logged and read as typed text), browsing, 다시 질문하기,
 * 찾는 질문이 없어요. Then what Kakao matched in 지식+ (shown, not matched again). Typed messages last: a blank
 * one, the words for the top menu, pure small talk, and only then the matcher. Small talk is answered before
 * matching only when the message holds nothing else, so it never takes the place of an FAQ answer; a person is
 * offered only when matching finds no clear answer (inside the typed-question handler), because an FAQ may
 * well hold "상담원 연결은 어떻게 하나요?".
 */

type Reply = SkillResponse | Promise<SkillResponse>;
type Handler<T extends FaqTap> = (request: SkillRequest, context: SkillContext, tap: T) => Reply;
type Guard<T extends FaqTap> = (tap: FaqTap, request: SkillRequest, context: SkillContext) => tap is T;
type Test = (tap: FaqTap, request: SkillRequest, context: SkillContext) => boolean;

interface Route {
  /** Names the route for readers and tests; it is never sent. */
  readonly name: string;
  /** The handler's reply when the route applies, else undefined. */
  readonly take: (request: SkillRequest, context: SkillContext, tap: FaqTap) => Reply | undefined;
}

/** A route whose guard hands its handler the tap narrowed to what the guard checked. */
function route<T extends FaqTap>(name: string, when: Guard<T>, handle: Handler<T>): Route;
function route(name: string, when: Test, handle: Handler<FaqTap>): Route;
function route(name: string, when: Test, handle: Handler<FaqTap>): Route {
  return { name, take: (request, context, tap) => (when(tap, request, context) ? handle(request, context, tap) : undefined) };
}

/** The tap carries `key` (a value the schema accepted). */
function carries<K extends keyof FaqTap>(key: K): Guard<TapWith<K>> {
  return (tap): tap is TapWith<K> => tap[key] !== undefined;
}

/** The tap names an entry of this FAQ set; one naming none (removed since, another set's) is read as typed text. */
function picksEntry(tap: FaqTap, _request: SkillRequest, context: SkillContext): tap is TapWith<'faqId'> {
  if (tap.faqId === undefined) return false;
  if (context.faq.get(tap.faqId)) return true;
  // the logger is made on first use (src/http/skill-pipeline/start-call.ts): only here, never for every call
  context.log.info({ faqId: tap.faqId }, 'clientExtra names an unknown FAQ id; matching the utterance instead');
  return false;
}

/** In order; the first that applies wins. The last one always applies. */
export const FAQ_ROUTES: readonly Route[] = [
  route('rating', carries('feedback'), rateAnswer),
  route('knowledge-pick', carries('knowledge'), answerKnowledgePick),
  route('question-pick', picksEntry, answerPickedQuestion),
  route('browse', carries('browse'), browse),
  route('rephrase', (tap) => tap.rephrase === true, askToRephrase),
  route('none-of-these', (tap) => tap.menu === true, offerWaysOn),
  route('knowledge-match', (_tap, request) => usableKnowledges(request.matchedKnowledges).length > 0, answerMatchedKnowledge),
  route('empty-utterance', (_tap, request) => request.utterance.trim() === '', askForQuestion),
  route('home', (_tap, request) => isHomeUtterance(request.utterance), home),
  route('small-talk', (_tap, request) => smallTalkOf(request.utterance) !== undefined, answerSmallTalk),
  route('typed-question', () => true, answerTypedQuestion),
];

/** The reply of the first route that applies to `request`. */
export async function routeFaqMessage(request: SkillRequest, context: SkillContext): Promise<SkillResponse> {
  const tap = readTap(request);
  for (const { take } of FAQ_ROUTES) {
    const reply = take(request, context, tap);
    if (reply !== undefined) return reply;
  }
  // unreachable: the last route always applies
  throw new Error('no FAQ route applies');
}
