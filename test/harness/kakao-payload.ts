/**
 * Real-shaped Kakao SkillPayloads with made-up ids, for tests and CLI commands that talk to the skill
 * the way Kakao does.
 */
import { randomBytes } from 'node:crypto';
import type { SkillPayloadInput } from '../../src/kakao';

export interface KakaoPayloadOptions {
  /** `action.clientExtra`: the `extra` of the button or quick reply that sent the utterance. */
  clientExtra?: Record<string, unknown> | null;
  botId?: string;
  botName?: string;
  /** `userRequest.user.id` (a botUserKey, 64 hex digits in practice). */
  userId?: string;
  plusfriendUserKey?: string;
  /** The block that called the skill (and the flow's referrer block). */
  blockId?: string;
  blockName?: string;
  /** `flow.trigger.type`, e.g. TEXT_INPUT, CARD_BUTTON_MESSAGE, QUICKREPLY_BUTTON_MESSAGE. */
  triggerType?: string;
  /** `action.params` (block parameters; strings on the wire). */
  params?: Record<string, string>;
  /** `userRequest.params.surface`: "Kakaotalk.plusfriend" (channel) or "BuilderBotTest" (admin test chat). */
  surface?: string;
}

const DEFAULT_BLOCK = { id: '6512a0c4f2b1a93e7c1d2e01', name: '폴백 블록' };

/**
 * A real-shaped Kakao SkillPayload (made-up ids) for `utterance`. Typed as what the payload schema accepts
 * (`SkillPayloadInput`): the wire shape before parsing, which a test may bend on purpose.
 */
export function kakaoPayload(utterance: string, options: KakaoPayloadOptions = {}): SkillPayloadInput {
  const block = { id: options.blockId ?? DEFAULT_BLOCK.id, name: options.blockName ?? DEFAULT_BLOCK.name };
  return {
    intent: { ...block },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { surface: options.surface ?? 'Kakaotalk.plusfriend', ignoreMe: 'true' },
      block: { ...block },
      utterance,
      lang: 'ko',
      user: {
        id: options.userId ?? '8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99',
        type: 'botUserKey',
        properties: { plusfriendUserKey: options.plusfriendUserKey ?? 'UEBpJodrFRCP', isFriend: true },
      },
    },
    bot: { id: options.botId ?? '5f3f34ed4fbf5200015f06d7', name: options.botName ?? '고객센터봇' },
    action: {
      id: '6512a0d9f2b1a93e7c1d2e02',
      name: 'faq',
      params: { ...options.params },
      detailParams: {},
      clientExtra: options.clientExtra === undefined ? {} : options.clientExtra,
    },
    contexts: [],
    flow: {
      trigger: { type: options.triggerType ?? 'TEXT_INPUT', referrerBlock: { ...block } },
      lastBlock: { id: '650ff1a2f2b1a93e7c1d1f00', name: '웰컴 블록' },
    },
  };
}

/**
 * {@link kakaoPayload} with every field Kakao documents or is seen to send filled in: a 지식+ match under both
 * `intent.extra.knowledge` and `.knowledges` (with `reason`), `appUserId` and `botUserKey`, a `callbackUrl`,
 * block parameters with their `detailParams`, and input contexts (the FAQ skill's follow-up context with
 * Kakao's lower-case `lifespan`, another with `lifeSpan`). The base for tests that change one field at a time.
 */
export function fullKakaoPayload(utterance: string, options: KakaoPayloadOptions = {}): SkillPayloadInput {
  const payload = kakaoPayload(utterance, { ...options, params: { sys_text: '환불', sys_number: '{"amount": 1, "unit": null}', ...options.params } });
  const knowledge = {
    responseType: 'skill',
    matchedKnowledges: [
      {
        categories: ['챗봇 관리자센터', '봇 관리하기', '월렛 안내', ''],
        question: '환불 계좌는 어떻게 등록 하나요?',
        answer: '월렛 > 환불 계좌 관리에서 등록할 수 있습니다.',
        landingUrl: 'https://cs.kakao.com/helps?service=180',
        imageUrl: 'https://t1.kakaocdn.net/example/refund.png',
      },
    ],
  };
  Object.assign(part(payload, 'intent'), { extra: { reason: { code: 1, message: 'OK' }, knowledge, knowledges: structuredClone(knowledge) } });
  const userRequest = part(payload, 'userRequest');
  const user = part(userRequest, 'user');
  Object.assign(part(user, 'properties'), { appUserId: '1620160768', botUserKey: user['id'] });
  userRequest['callbackUrl'] = 'https://bot-api.kakao.com/v1/callback/made-up-one-time-path';
  part(payload, 'action')['detailParams'] = {
    sys_text: { origin: '환불', value: '환불', groupName: '' },
    sys_number: { origin: '하나', value: '{"amount": 1, "unit": null}', groupName: '' },
  };
  const entry = (value: string) => ({ value, resolvedValue: value });
  payload['contexts'] = [
    {
      name: 'faq_followup',
      lifespan: 3,
      ttl: 600,
      params: { faqId: entry('faq-4ceb70d21dd5'), categories: entry('["톡체크아웃 관리자센터"]'), utterance: entry('리뷰 포인트') },
    },
    { name: 'ordering', lifeSpan: 4, ttl: 540, params: { store: entry('강남점'), size: 'L' } },
  ];
  return payload;
}

/** The object under `key` of a payload built above (always present there). */
function part(parent: Record<string, unknown>, key: string): Record<string, unknown> {
  return parent[key] as Record<string, unknown>;
}

/**
 * Fresh made-up user keys in Kakao's formats: a 64-hex botUserKey and a 12-character
 * plusfriendUserKey. Used so fixtures do not all share one user, and to replace real keys.
 */
export function madeUpUserKeys(): { userId: string; plusfriendUserKey: string } {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const plusfriendUserKey = [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
  return { userId: randomBytes(32).toString('hex'), plusfriendUserKey };
}
