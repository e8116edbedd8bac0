/** A response shaped like the FAQ skill's answer reply. */
export function answerBody(overrides: { quickReplies?: string[]; url?: string } = {}) {
  return {
    version: '2.0',
    template: {
      outputs: [
        {
          textCard: {
            title: '월렛을 삭제할 수 있나요?',
            description: '월렛은 삭제할 수 없어요.',
            buttons: [{ label: '전체 답변 보기', action: 'webLink', webLinkUrl: overrides.url ?? 'https://faq.example.com/faq/faq-ccab68fffd78' }],
          },
        },
      ],
      quickReplies: (overrides.quickReplies ?? ['월렛 상태는 무엇인가요?', '도움이 됐어요']).map((label) => ({ label, action: 'message', messageText: label })),
    },
    data: { outcome: 'answer', faqId: 'faq-ccab68fffd78', question: '월렛을 삭제할 수 있나요?', categories: ['카카오톡 채널 관리자', '관리하기'] },
  };
}
