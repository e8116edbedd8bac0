import type { FaqEntryInput } from '../../src/faq/faq-schema';

/**
 * A small FAQ with distinct topics, some alternates and answers of a few sentences, for the tests that embed
 * entries with the real model (each text costs real model time, so it stays small).
 */
export function semanticEntries(): FaqEntryInput[] {
  const entry = (id: string, question: string, answer: string, alternateQuestions: string[] = []): FaqEntryInput => ({
    id,
    categories: ['테스트 서비스'],
    question,
    alternateQuestions,
    answer,
  });
  return [
    entry('refund-account', '환불 계좌는 어떻게 등록하나요?', '설정 > 결제 > 환불 계좌에서 은행과 계좌번호를 입력합니다.', ['환불받을 계좌 바꾸기']),
    entry('reservation-cancel', '예약을 취소하고 싶어요', '예약 내역에서 취소 버튼을 누르세요. 이용일 하루 전까지는 수수료가 없습니다.'),
    entry('channel-add', '채널 추가는 어떻게 하나요?', '채널 홈에서 채널 추가 버튼을 누르세요.', ['채널 친구 추가']),
    entry('wallet', '월렛이란 무엇인가요?', '월렛은 결제 수단과 신분증을 모아 두는 곳입니다.'),
    entry('password-reset', '비밀번호를 잊어버렸어요', '로그인 화면에서 비밀번호 찾기를 누르고 이메일 인증을 하세요.', ['비번 재설정']),
    entry('notification-off', '알림을 끄고 싶어요', '설정 > 알림에서 받을 알림을 고를 수 있습니다.'),
    entry('receipt', '영수증은 어디서 보나요?', '결제 내역에서 영수증 보기를 누르면 https://pay.example.com/receipt 에서 볼 수 있습니다.'),
    entry('delivery-status', '배송 조회는 어떻게 하나요?', '주문 내역에서 배송 조회를 누르면 택배사의 위치 정보가 보입니다.'),
  ];
}
