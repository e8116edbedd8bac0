/**
 * Every numeric limit of Kakao's skill contract, in one deeply frozen object.
 *
 * Checked 2026-11-23 against the contract reference (`/work/shared/reference/kakao-skill-contract.md`,
 * compiled from Kakao's "응답 타입별 JSON 포맷" guide). Re-check the live guide before a release.
 *
 * Naming: a key is the maximum (`textCard.description` = 400); `…Min` is a minimum and `…InCarousel` the
 * value inside a carousel. Units: lengths are **code points** (`charLength`), counts are array items, sizes
 * are bytes and times are milliseconds. Entries marked "house limit" are our own conservative choice where
 * Kakao publishes no character count (it only states lines, which depend on the device).
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 */

type DeepReadonly<T> = { readonly [K in keyof T]: DeepReadonly<T[K]> };

function deepFreeze<T extends object>(value: T): DeepReadonly<T> {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child as object);
  }
  return Object.freeze(value) as DeepReadonly<T>;
}

/**
 * Kakao's limits, checked 2026-11-23 against the contract reference.
 *
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/answer_json_format
 * @see https://kakaobusiness.gitbook.io/main/tool/chatbot/skill_guide/ai_chatbot_callback_guide (timeouts)
 */
export const KAKAO_LIMITS = deepFreeze({
  /** `template.outputs`: 1–3 components; `template.quickReplies`: at most 10. */
  template: { outputsMin: 1, outputs: 3, quickReplies: 10 },
  /** The whole response as UTF-8 JSON: 30 KB = 30 × 1024 bytes. Above it Kakao silently gives no answer. */
  response: { bytes: 30 * 1024 },
  /** Kakao waits 5000 ms for a skill; a callback URL is valid for 60 000 ms and may be used once. */
  skill: { timeoutMs: 5000, callbackWindowMs: 60_000 },
  /** `userRequest.user.id` (botUserKey): at most 70 characters. */
  user: { id: 70 },
  /** simpleText `text`: 1000 characters; above 500 the bubble folds behind "전체 보기". */
  simpleText: { text: 1000, textFoldsAfter: 500 },
  /** simpleImage `altText`: 50 characters. */
  simpleImage: { altText: 50 },
  /** textCard: title 50; description 400 alone, 128 inside a carousel. */
  textCard: { title: 50, description: 400, descriptionInCarousel: 128 },
  /** basicCard: title 50, description 230 (a carousel shows 2 lines of each). */
  basicCard: { title: 50, description: 230 },
  /** commerceCard: title 30, description 40, exactly 1 thumbnail; `discountRate` is a percentage (≤ 100). */
  commerceCard: { title: 30, description: 40, thumbnails: 1, discountRate: 100 },
  /**
   * listCard: 1–5 items alone, 1–4 inside a carousel. Kakao gives no character limit for list text:
   * 50 for header and item title / description is a house limit (clients show one line of each anyway).
   */
  listCard: { itemsMin: 1, items: 5, itemsInCarousel: 4, itemTitle: 50, itemDescription: 50 },
  /**
   * itemCard: itemList 1–10 alone, 1–5 in a carousel; itemList and summary titles 6, summary description 14
   * (at most 2 decimals), profile title 15; title + description together 200 alone, 100 in a carousel.
   */
  itemCard: {
    itemListMin: 1,
    itemList: 10,
    itemListInCarousel: 5,
    itemTitle: 6,
    summaryTitle: 6,
    summaryDescription: 14,
    summaryDecimals: 2,
    profileTitle: 15,
    text: 200,
    textInCarousel: 100,
  },
  /** carousel: 1–10 cards, but at most 5 listCards. */
  carousel: { itemsMin: 1, items: 10, listCardItems: 5 },
  /** Buttons on one card: 3 stacked (`vertical`), 2 side by side (`horizontal`, or a 1:1 fixedRatio thumbnail). */
  buttons: { vertical: 3, horizontal: 2 },
  /** Button `label`: 14 characters; 8 when two buttons sit side by side. */
  button: { label: 14, labelSideBySide: 8 },
  /** Quick reply chip `label`: Kakao states no limit; 14 is a house limit matching button labels. */
  quickReply: { label: 14 },
  /** Thumbnail `altText`: 50 characters. */
  thumbnail: { altText: 50 },
  /** Response context: `lifeSpan` 0 deletes the context; `lifeSpan` and `ttl` are integers ≥ 0. */
  context: { lifeSpanMin: 0, ttlMin: 0 },
});

/** The type of {@link KAKAO_LIMITS}. */
export type KakaoLimits = typeof KAKAO_LIMITS;
