/**
 * Every piece of Korean text a user sees, in one place: chat bubbles, quick replies, button labels
 * and the full-answer page. Keep the tone polite (해요체) and the labels within Kakao's limits
 * (button labels ≤ 14 characters, ≤ 8 side by side).
 */
export const COPY = Object.freeze({
  answer: {
    fullAnswerButton: '전체 답변 보기',
    landingButton: '자세히 보기',
    relatedHeader: '함께 찾는 질문',
    /** Under an answer that is only part of the help-center text (`answerComplete: false`). */
    partialNotice: '도움말 일부만 보여 드려요. 전체 내용은 고객센터 도움말에서 확인해 주세요.',
    /** Opens the help center's search for the question. */
    helpCenterButton: '고객센터에서 보기',
  },
  nav: {
    /** Quick reply back to the list of services, on answers, clarify, browse and feedback replies. */
    home: '처음으로',
    /** The same, worded for the fallback, where the user has not started anywhere yet. */
    allCategories: '전체 분야 보기',
  },
  feedback: {
    up: '도움이 됐어요',
    down: '아쉬워요',
    thanksUp: '의견 고마워요! 😊 더 궁금한 점이 있으면 언제든 물어봐 주세요.',
    thanksDown: '의견 고마워요. 더 나은 답변을 준비할게요. 🙏\n다른 방법으로 찾아보시겠어요?',
    rephraseButton: '다시 질문하기',
    browseButton: '분야별로 찾아보기',
    /** The thank-you page after rating on the full-answer page. */
    pageHeading: '이 답변이 도움이 됐나요?',
    pageThanksTitle: '의견 고마워요',
    pageThanksUp: '소중한 의견 고마워요. 더 궁금한 점은 카카오톡 채팅방에서 물어봐 주세요.',
    pageThanksDown: '더 나은 답변을 준비할게요. 카카오톡 채팅방에서 다시 질문하시거나 상담원 연결을 요청해 주세요.',
    pageBack: '답변으로 돌아가기',
    pageBadRequest: '평가를 저장하지 못했어요. 답변 페이지에서 다시 눌러 주세요.',
    /** The answer page's form was posted from another site (HTTP 403). */
    pageCrossSite: '다른 사이트에서 보낸 평가는 받지 않아요. 답변 페이지에서 직접 눌러 주세요.',
    /** The form's token is missing or more than a day old (HTTP 403). */
    pageStale: '페이지를 연 지 오래되어 평가를 저장하지 못했어요. 답변 페이지를 새로고침한 뒤 다시 눌러 주세요.',
    /** A rating tap for an answer this FAQ set does not have (removed since it was shown). */
    unknownAnswer: '이 답변은 지금은 없어서 의견을 남길 수 없어요. 궁금한 점을 다시 물어봐 주시거나 아래에서 분야를 골라 주세요.',
  },
  handoff: {
    operatorButton: '상담원 연결',
    phoneButton: '전화 상담',
    linkButton: '1:1 문의하기',
    offer: '원하는 답을 찾지 못하셨다면 상담원이 도와드릴게요.',
    prompt: '상담원에게 물어보시겠어요? 아래 버튼을 눌러 주세요.',
    unavailable: '지금은 채팅에서 상담원 연결을 제공하지 않아요. 질문을 짧게 다시 입력하시거나 분야별로 찾아봐 주세요.',
  },
  followUp: {
    /** Fallback after an answer, when the follow-up ("다른 방법은?") matched nothing: same-topic questions. */
    relatedHeader: '이전 질문과 관련된 질문',
  },
  knowledge: {
    landingOnly: '나머지 내용은 아래 링크에서 볼 수 있어요.',
  },
  clarify: {
    intro: '어떤 질문을 찾으시나요? 가장 가까운 질문을 골라 주세요.',
    pickButton: '이 질문 보기',
    noneOfThese: '찾는 질문이 없어요',
    /** The reply to 찾는 질문이 없어요: ways on (rephrase, browse, a person when configured), not an apology. */
    noneOfTheseReply: '원하는 질문이 목록에 없었군요. 🙂\n다른 말로 다시 질문해 보시거나, 아래에서 분야를 골라 찾아보세요.',
  },
  smallTalk: {
    greeting: '안녕하세요! 😊 무엇이 궁금하세요?\n궁금한 점을 편하게 물어봐 주시거나, 아래에서 분야를 골라 주세요.',
    thanks: '천만에요! 😊 더 궁금한 점이 있으면 언제든 물어봐 주세요.',
    farewell: '이용해 주셔서 고마워요. 좋은 하루 보내세요! 👋\n궁금한 점이 생기면 언제든 다시 찾아 주세요.',
    /** Laughter, emoticons and "네", "알겠습니다". */
    light: '😄 더 궁금한 점이 있으면 편하게 물어봐 주세요. 아래에서 분야를 골라 보셔도 돼요.',
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
    topHeader: '어떤 서비스가 궁금하세요?',
    /** What a category list item or chip sends as the user's utterance (shown in the chat). */
    categoryUtterance: (category: string) => `${category} 질문 보기`,
    moreUtterance: (category: string) => `${category} 질문 더보기`,
    /** Description of a category list item. */
    questionCount: (count: number) => `질문 ${count}개`,
    upButton: '상위 분야',
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
    /** Under an answer that is only part of the help-center text, with a link to the help center's search. */
    partialNotice: '도움말 일부만 보여 드려요.',
    helpCenterLink: '고객센터 도움말에서 전체 보기',
    relatedHeading: '함께 찾는 질문',
    backToChat: '카카오톡으로 돌아가 다른 질문을 해 주세요.',
    notFoundTitle: '질문을 찾을 수 없어요',
    notFoundBody: '주소가 잘못되었거나 질문이 삭제되었어요. 카카오톡 채팅방에서 다시 질문해 주세요.',
    suggestionsHeading: '이런 질문은 어떠세요?',
  },
});
