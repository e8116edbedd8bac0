/**
 * Real-shaped Kakao SkillPayloads with made-up ids, for scripts and tests that talk to the skill
 * the way Kakao does.
 */
/** A real-shaped Kakao SkillPayload (made-up ids) for `utterance`. */
export function kakaoPayload(
  utterance: string,
  options: { clientExtra?: Record<string, unknown> | null; botId?: string; userId?: string } = {},
): Record<string, unknown> {
  return {
    intent: { id: '6512a0c4f2b1a93e7c1d2e01', name: '폴백 블록' },
    userRequest: {
      timezone: 'Asia/Seoul',
      params: { surface: 'Kakaotalk.plusfriend', ignoreMe: 'true' },
      block: { id: '6512a0c4f2b1a93e7c1d2e01', name: '폴백 블록' },
      utterance,
      lang: 'ko',
      user: {
        id: options.userId ?? '8dcae25ae7508eafa4dd2207fbf9418753597a7116ca862072a4e50f087e6a99',
        type: 'botUserKey',
        properties: { plusfriendUserKey: 'UEBpJodrFRCP', isFriend: true },
      },
    },
    bot: { id: options.botId ?? '5f3f34ed4fbf5200015f06d7', name: '고객센터봇' },
    action: {
      id: '6512a0d9f2b1a93e7c1d2e02',
      name: 'faq',
      params: {},
      detailParams: {},
      clientExtra: options.clientExtra === undefined ? {} : options.clientExtra,
    },
    contexts: [],
    flow: {
      trigger: { type: 'TEXT_INPUT', referrerBlock: { id: '6512a0c4f2b1a93e7c1d2e01', name: '폴백 블록' } },
      lastBlock: { id: '650ff1a2f2b1a93e7c1d1f00', name: '웰컴 블록' },
    },
  };
}
