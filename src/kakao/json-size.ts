/**
 * Size in bytes of `value` serialised as JSON and encoded as UTF-8: what Kakao measures against its 30 KB
 * (`KAKAO_LIMITS.response.bytes`) limit. Its own module so that the response schema (which checks the size)
 * and response-size.ts (which shrinks a reply to fit, and needs the schema's types) import it one way.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}
