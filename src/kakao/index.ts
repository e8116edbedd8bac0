/**
 * `src/kakao`: Kakao i Open Builder's skill contract. Parse a request with `SkillPayloadSchema` and map it
 * once with `toSkillRequest`; answer with the builders; `SkillResponseSchema` checks any reply; all limits
 * live in `KAKAO_LIMITS`. Imports nothing else from this project and knows nothing of HTTP.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */
export * from './builders';
export { KakaoLimitError } from './errors';
export { KAKAO_LIMITS, type KakaoLimits } from './limits';
export { KnowledgeSchema, SkillPayloadSchema, type Knowledge, type SkillPayload, type SkillPayloadInput } from './payload-schema';
export { checkSkillPayload } from './payload-fast-path';
export { toSkillRequest, type SkillContextValue, type SkillDetailParam, type SkillRequest } from './request';
export { jsonByteLength } from './json-size';
export { findUrls, safeHttpUrl, type UrlInText } from './url';
export * from './response-schema';
export { ELLIPSIS, charLength, clipText, excerpt, type ClipResult } from './text';
export { assertBodySize } from './response-size';
