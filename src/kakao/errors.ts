/**
 * Thrown by the builders when a response would break Kakao's contract in a way that is a bug in our code
 * (a fourth output, an 11th quick reply, an empty title, a non-http link), as opposed to content from data,
 * which the builders clip instead.
 *
 * - `field`: a readable path such as `template.outputs`, `textCard.buttons` or `button.webLinkUrl`.
 * - `limit`: the number that was broken (a count, code points or bytes), or a short rule such as
 *   `'http(s) URL'` when the problem is a format rather than a size.
 * - `actual`: what was given: a number of the same unit, or the offending value (cut to 80 characters).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export class KakaoLimitError extends Error {
  override readonly name = 'KakaoLimitError';
  readonly field: string;
  readonly limit: number | string;
  readonly actual: number | string;

  constructor(details: { field: string; limit: number | string; actual: number | string }, message?: string) {
    super(message ?? `${details.field}: got ${String(details.actual)}, limit ${String(details.limit)}`);
    this.field = details.field;
    this.limit = details.limit;
    this.actual = details.actual;
  }
}
