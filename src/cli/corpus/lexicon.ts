/**
 * Built-in vocabulary of the synthetic corpus: help-center topics grouped by domain, extra service names,
 * platforms and URL stems. The seed FAQ (data/faq.json) adds its own services, menus, nouns and sentences on
 * top (see seed-vocabulary.ts); this list exists because 50 entries alone cannot make 100,000 distinct ones.
 */

/** A topic area: the things users ask about and the actions that make sense on them ("{대상} {동작}"). */
export interface Domain {
  name: string;
  /** Category level 2 labels a service uses for this domain. */
  menus: readonly string[];
  /** {대상}: nouns, sometimes two words ("환불 계좌"). */
  targets: readonly string[];
  /** {동작}: 하다-nouns, so "{동작}하나요", "{동작}할 수 있나요" are all grammatical. */
  actions: readonly string[];
}

export const DOMAINS: readonly Domain[] = [
  {
    name: '결제',
    menus: ['결제 관리', '캐시/월렛', '정산 관리', '월렛 안내'],
    targets: ['결제수단', '영수증', '세금계산서', '전자세금계산서', '환불 계좌', '무통장입금', '정산 내역', '무상캐시',
      '캐시 잔액', '월렛', '월렛 멤버', '카드 정보', '자동 충전', '비즈머니', '결제 내역', '입금 계좌'],
    actions: ['등록', '변경', '삭제', '확인', '조회', '발급', '재발급', '신청', '취소', '환불', '충전', '해지'],
  },
  {
    name: '예약',
    menus: ['예약관리', '예약/취소', '상품관리', '이용관리'],
    targets: ['예약', '예약취소', '취소사유', '예약 확정', '일괄이용완료', '취소수수료', '예약 알림', '예약 상품',
      '예약 가능 시간', '노쇼 정책', '예약자 정보', '부분취소', '클래스 상품', '대기 예약'],
    actions: ['설정', '변경', '취소', '확인', '조회', '등록', '처리', '승인', '수정', '연장'],
  },
  {
    name: '계정',
    menus: ['계정 관리', '가입/탈퇴', '보안', '관리하기'],
    targets: ['비밀번호', '카카오계정', '이메일 주소', '휴대폰 번호', '2단계 인증', '로그인 기기', '관리자 권한',
      '사업자정보', '통신판매신고번호', '검색용 아이디', '비즈니스 인증', '대표자 정보', '회원 탈퇴', '보호조치'],
    actions: ['변경', '등록', '삭제', '해제', '인증', '확인', '연결', '초대', '복구', '신청'],
  },
  {
    name: '채팅',
    menus: ['멀티프로필', '채팅', '친구', '설정'],
    targets: ['멀티프로필', '프로필 사진', '배경화면', '대화상대', '그룹 채팅방', '오픈채팅', '채팅방 서랍', '대화 내용',
      '친구 목록', '테마', '알림음', '프로필별 대화상대', '숨김 친구', '보이스톡', '채팅방 배경'],
    actions: ['설정', '변경', '삭제', '숨김', '백업', '복구', '추가', '공유', '차단', '해제', '이동', '저장'],
  },
  {
    name: '챗봇',
    menus: ['봇 관리하기', '봇 생성하기', '시작하기', '스킬 등록 및 관리', '학습/분석'],
    targets: ['봇', '스킬', '스킬 알림', '블록', '시나리오', '엔티티', '사용자 발화', '인사이트', '운영채널', '영업권',
      '배포 이력', '폴백 블록', '바로연결', '잔존율', '봇 테스트'],
    actions: ['생성', '등록', '연결', '배포', '삭제', '설정', '해제', '확인', '저장', '복사', '학습'],
  },
  {
    name: '판매',
    menus: ['판매관리', '판매점입점', '판매점정보', '고객혜택관리', '주문/배송관리'],
    targets: ['상품', '주문', '배송', '반품 택배사', '교환', '반품', '송장번호', '구매확정', '리뷰 포인트', '채널추가 포인트',
      '페널티', '재심사', '판매현황 그래프', '고객확인제도', '해외배송', '버튼노출', '정산 주기', '품절 상품'],
    actions: ['등록', '처리', '변경', '조회', '설정', '접수', '취소', '승인', '철회', '수정'],
  },
  {
    name: '광고',
    menus: ['광고상품', '광고 관리', '캠페인 관리', '보고서'],
    targets: ['광고 계정', '캠페인', '광고 소재', '일 예산', '메시지 광고', '알림톡', '친구톡', '타겟 설정', '광고 심사',
      '브랜드검색 광고', '광고 보고서', '전환 추적', '픽셀'],
    actions: ['생성', '등록', '수정', '중지', '집행', '충전', '확인', '삭제', '환불', '복제', '설정'],
  },
  {
    name: '이모티콘',
    menus: ['카카오 이모티콘샵', '이모티콘 플러스', '구매/선물', '가입/탈퇴'],
    targets: ['이모티콘', '이모티콘 플러스', '구독', '선물하기', '구매 내역', '보관함', '비즈 이모티콘', '미니 이모티콘',
      '이모티콘 제안', '환불승인'],
    actions: ['구매', '선물', '환불', '해지', '다운로드', '삭제', '확인', '제안', '등록'],
  },
  {
    name: '메일',
    menus: ['메일 보내기', '메일 읽기', '환경설정', '주소록'],
    targets: ['메일', '예약발송', '첨부파일', '스팸 메일', '수신 차단', '자동 분류', '서명', '주소록', '외부 메일',
      '대용량 첨부', '받은메일함'],
    actions: ['발송', '취소', '설정', '삭제', '복구', '차단', '저장', '전달', '첨부', '백업'],
  },
];

/** Services beyond the seed file's, so a large corpus spreads over many top-level categories. */
export const EXTRA_SERVICES: readonly string[] = [
  '카카오페이', '카카오맵', '카카오T', '카카오내비', '카카오스토리', '카카오페이지', '카카오웹툰', '멜론', '다음 메일',
  '카카오 비즈니스', '카카오톡 선물하기', '카카오 쇼핑하기', '톡서랍 플러스', '카카오계정', '카카오워크', '카카오 i 오픈빌더',
  '카카오 비즈보드', '카카오톡 주문하기', '카카오메이커스', '카카오 비즈니스폼', '카카오톡 지갑', '카카오 알림톡',
  '카카오뱅크', '카카오 비즈니스 파트너센터',
];

/** Suffixes that turn a base service into a sibling ("카카오맵 파트너센터"), as the real help center does. */
export const SERVICE_SUFFIXES: readonly string[] = ['관리자센터', '파트너센터', '비즈니스', '고객센터'];

/** Category level 4 (or 3): the platform a how-to applies to; the source of most near-duplicates. */
export const PLATFORMS: readonly string[] = ['iOS', '안드로이드', 'Windows', 'Mac', 'PC버전', '모바일 웹', 'iPad'];

/** Services whose name hints at a domain, so seed services keep plausible topics (substring → domain name). */
export const DOMAIN_HINTS: readonly (readonly [string, string])[] = [
  ['예약', '예약'], ['헤어', '예약'], ['챗봇', '챗봇'], ['오픈빌더', '챗봇'], ['채널', '결제'], ['채널', '계정'],
  ['체크아웃', '판매'], ['주문', '판매'], ['쇼핑', '판매'], ['선물', '판매'], ['이모티콘', '이모티콘'], ['광고', '광고'],
  ['모먼트', '광고'], ['비즈보드', '광고'], ['메일', '메일'], ['카카오톡', '채팅'], ['싱크', '계정'], ['계정', '계정'],
  ['페이', '결제'], ['월렛', '결제'], ['뱅크', '결제'], ['지갑', '결제'],
];

/** Path-safe ASCII stems for help URLs in answers. */
export const URL_SLUGS: readonly string[] = [
  'kakaotalk-channel', 'chatbot', 'bizmessage', 'kakaosync', 'checkout', 'moment', 'emoticon', 'reservation',
  'wallet', 'settlement', 'account', 'multiprofile', 'mail', 'advertising', 'partner-center',
];
