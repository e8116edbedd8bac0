import { presentText } from './guards';
import { clipText } from './text';

/**
 * Reporting of CONTENT clipping. Text that comes from data (FAQ titles and answers, labels built from
 * questions) is cut with "…" instead of failing the reply; each cut is reported as a {@link ClipEvent} so
 * it can be logged and the data fixed.
 *
 * Design: every clipping builder takes an optional `onClip` in its options; when a call gives none, the
 * event is ignored. There is no process-wide reporter: the server hands each skill call its reporter (the
 * skill context's `onClip`, which logs and counts, src/clip-log.ts) and skills pass it on, so tests and
 * concurrent callers never share hidden state. Builders stay pure functions of their arguments: the
 * reporter only observes.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

/**
 * One clipped text: `field` is a readable path (`textCard.description`,
 * `template.quickReplies[2].label`), `limit` the maximum it was cut to and `actual` its original length,
 * both in code points. When the 30 KB guard drops quick replies, `field` is `template.quickReplies` and the
 * numbers are counts (kept, original).
 */
export interface ClipEvent {
  readonly field: string;
  readonly limit: number;
  readonly actual: number;
}

/** Receives {@link ClipEvent}s. Must not throw. */
export type ClipReporter = (event: ClipEvent) => void;

/** Options accepted by every builder that may clip content. */
export interface ClipOptions {
  /** Receives this call's clip events; without it they are ignored. */
  readonly onClip?: ClipReporter;
}

/** Sends `event` to `onClip`, if any. Internal. */
export function reportClip(event: ClipEvent, onClip: ClipReporter | undefined): void {
  onClip?.(event);
}

/** Clips content `value` to `max` code points and reports it when cut. Internal. */
export function fitText(value: string, max: number, field: string, onClip: ClipReporter | undefined): string {
  const result = clipText(value, max);
  if (result.clipped) reportClip({ field, limit: max, actual: result.originalLength }, onClip);
  return result.text;
}

/** Like {@link fitText} for an optional text: blank or absent gives `undefined`. Internal. */
export function fitOptionalText(value: string | undefined, max: number, field: string, onClip: ClipReporter | undefined): string | undefined {
  const present = presentText(value);
  return present === undefined ? undefined : fitText(present, max, field, onClip);
}
