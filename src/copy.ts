/**
 * Every piece of Korean text a user sees, in one place: chat bubbles, quick replies, button labels
 * and the full-answer page. Keep the tone polite (해요체) and the labels within Kakao's limits
 * (button labels ≤ 14 characters, ≤ 8 side by side).
 */
export const COPY = Object.freeze({
  answer: {
    fullAnswerButton: '전체 답변 보기',
    landingButton: '자세히 보기',
  },
  clarify: {
    intro: '어떤 질문을 찾으시나요? 가장 가까운 질문을 골라 주세요.',
    pickButton: '이 질문 보기',
    noneOfThese: '찾는 질문이 없어요',
  },
  fallback: {
    text:
      '죄송해요, 질문을 정확히 이해하지 못했어요. 😥\n' +
      '짧고 구체적으로 다시 질문해 주시거나(예: "환불 계좌 등록 방법"), 아래에서 분야를 골라 주세요.',
    emptyUtterance: '궁금한 점을 입력해 주세요. 예: "월렛 삭제 방법", "리뷰 포인트가 뭐예요?"',
    rephraseReply: '다시 질문하기',
    rephrasePrompt: '궁금한 점을 한 문장으로 짧게 입력해 주세요. 예: "세금계산서를 꼭 받아야 하나요?"',
  },
  browse: {
    header: (category: string) => `${category} 자주 묻는 질문`,
    moreButton: '더보기',
    unknownCategory: '그 분야는 찾을 수 없어요. 아래에서 다시 골라 주세요.',
  },
  edge: {
    internalError: '죄송해요, 잠시 문제가 생겼어요. 조금 뒤에 다시 질문해 주세요. 🙏',
    deadlineExceeded: '답변을 찾는 데 시간이 오래 걸리고 있어요. 잠시 후 다시 질문해 주세요. 🙏',
  },
  unknownFaq: '찾으시는 질문이 더 이상 없어요. 다시 질문해 주시겠어요?',
  limits: {
    /** The bubble a user gets when sending faster than USER_RATE_LIMIT allows (still a normal reply). */
    userTooFast: '질문을 너무 빠르게 보내고 계세요. 😅 잠시 후(1분쯤 뒤) 다시 질문해 주세요.',
    pageTitle: '잠시 후 다시 시도해 주세요',
    pageBody: '짧은 시간에 요청이 너무 많았어요. 잠시 기다린 뒤 새로고침해 주세요.',
  },
  page: {
    siteName: '자주 묻는 질문',
    breadcrumbLabel: '분류',
    landingLink: '관련 페이지 바로가기',
    relatedHeading: '함께 찾는 질문',
    backToChat: '카카오톡으로 돌아가 다른 질문을 해 주세요.',
    notFoundTitle: '질문을 찾을 수 없어요',
    notFoundBody: '주소가 잘못되었거나 질문이 삭제되었어요. 카카오톡 채팅방에서 다시 질문해 주세요.',
  },
});
