import { COPY } from '../../../src/copy';
import type { Handoff } from '../../../src/handoff';
import { button, clipText, type Button } from '../../../src/kakao';

/**
 * Reaching a person. The button depends on `HANDOFF_MODE`: `operator` (상담톡 / 1:1 chat), `phone` or `link`.
 * What the user asked travels in `data.handoff` (for `{{#webhook.handoff.lastUtterance}}` in a block, and
 * for logs) and, on the operator button, in its `extra`.
 */

const NONE: Handoff = Object.freeze({ mode: 'none' });
const UTTERANCE_MAX = 200;

/** What was asked, carried with the handoff. */
export interface HandoffTopic {
  readonly lastUtterance?: string;
  readonly faqId?: string;
  readonly categories?: readonly string[];
}

export interface HandoffData {
  readonly mode: Handoff['mode'];
  readonly lastUtterance?: string;
  readonly faqId?: string;
  readonly categories?: string[];
}

export function handoffData(handoff: Handoff | undefined, topic: HandoffTopic): HandoffData {
  const last = topic.lastUtterance?.trim();
  return {
    mode: (handoff ?? NONE).mode,
    ...(last ? { lastUtterance: clipText(last, UTTERANCE_MAX).text } : {}),
    ...(topic.faqId ? { faqId: topic.faqId } : {}),
    ...(topic.categories && topic.categories.length > 0 ? { categories: [...topic.categories] } : {}),
  };
}

/** The button that reaches a person, or undefined when `HANDOFF_MODE=none`. */
export function handoffButton(handoff: Handoff | undefined, data: HandoffData): Button | undefined {
  switch (handoff?.mode) {
    case 'operator':
      return button.operator(COPY.handoff.operatorButton, { handoff: data });
    case 'phone':
      return button.phone(COPY.handoff.phoneButton, handoff.phone);
    case 'link':
      return button.webLink(COPY.handoff.linkButton, handoff.url);
    default:
      return undefined;
  }
}

// "상담원 연결해 주세요", "사람이랑 얘기하고 싶어요", "1:1 문의". Checked only when the FAQ has no clear answer,
// because an FAQ may well hold "상담원 연결은 어떻게 하나요?".
const ASKS_FOR_PERSON = /상담(원|사|직원)|사람\s*(이랑|하고|과|한테|에게)|직원\s*(연결|분)|1\s*[:대]\s*1\s*(상담|문의|채팅)|고객\s*센터\s*연결/u;

export function asksForPerson(utterance: string): boolean {
  return ASKS_FOR_PERSON.test(utterance.normalize('NFC'));
}
