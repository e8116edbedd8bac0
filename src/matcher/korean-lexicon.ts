/**
 * Word lists behind {@link ../normalize.ts}: Korean particles and endings, protected nouns, stopwords and
 * colloquial spellings. Data only, so that normalisation rules can be read and extended in one place.
 */

/**
 * Predicate endings (어미, often fused with 하다/되다/받다) stripped from the END of a word. With
 * {@link PARTICLES} they make {@link ENDINGS}; stripping repeats (up to three layers) so that the same stem
 * comes out of a FAQ question ("환불받을 수 있나요") and of a chat message ("환불받는법").
 */
export const PREDICATE_ENDINGS: readonly string[] = [
  // fused "want to / how do I" endings seen in chat questions
  '하고싶은데요', '하고싶은데', '하고싶어요', '하고싶습니다', '하고싶어', '하고싶은', '하고싶다', '싶은데요', '싶은데',
  '싶어요', '싶습니다', '할수있나요', '할수있어요', '할수있는지', '할수있음', '수있나요', '수있어요', '수있는지',
  '수있음', '수없나요', '수없어요', '있나요', '있어요', '있는지', '없나요', '없어요', '없는지',
  // 하다 / 되다 / 받다 forms
  '하려는데', '하려면', '하려고', '하는법', '하는방법', '하는데', '하는지', '하는건', '하는게', '하나요', '하는',
  '하면', '해야', '해요', '했는데', '했어요', '했음', '합니다', '하기', '하고', '하세요', '해주세요', '해줘', '할까요',
  '할때', '할수', '할', '함', '되나요', '되는지', '되는', '되면', '되어', '되었는데', '되었어요', '된', '됨', '돼요',
  '됐어요', '됐는데', '됐다는데', '된다는데', '되요', '돼', '받는법', '받으려면', '받았는데', '받는', '받을', '받기',
  '받아', '받고', '받은', '받음',
  // reported speech and chat endings ("입력하라는데", "하고 싶대요", "줬다면서")
  '하라는데', '라는데', '하라고', '하래요', '래요', '싶대요', '했대요', '대요', '다면서', '다는데', '다고', '되어있는데',
  '되어있어요', '되어있', '있는데', '없는데', '없죠', '있죠', '을까요', '까요', '으려면', '려면', '으면', '니까',
  '해도', '해서', '어서', '아서', '러서', '워서', '아야', '어야', '에선', '에서요', '았는데', '었는데', '았어요', '었어요', '았음', '었음',
  '았다', '었다', '해야하나요', '해야돼요', '해야되나요',
  // copula and sentence endings
  '인가요', '인데요', '인데', '인지', '이에요', '이예요', '이란', '이면', '입니다', '에요', '예요', '나요', '는데요',
  '는데', '은데', '어요', '아요', '죠', '지요', '란', '요',
];

/** Particles (조사) that follow nouns, compound ones first. */
export const PARTICLES: readonly string[] = [
  // particles (조사), compound ones first
  '에서부터', '으로부터', '으로는', '으로도', '에서는', '에서도', '에게서', '한테서', '이라도', '이라는', '이라고',
  '이랑', '라는', '라고', '에게', '한테', '까지', '부터', '보다', '처럼', '마다', '만큼', '으로', '에서', '에는', '에도',
  '와는', '과는', '엔', '은', '는', '이', '가', '을', '를', '에', '의', '와', '과', '도', '만', '로', '랑', '께',
];

/** All endings stripped by `stemForms`, longest first. */
export const ENDINGS: readonly string[] = [...PREDICATE_ENDINGS, ...PARTICLES].sort((a, b) => b.length - a.length);

/**
 * One-syllable verbal endings (면, 고, 게, 지, 기, 음, 하, 해) also end many nouns (광고, 화면, 계정…), so they are
 * stripped only when at least two syllables remain; the query side additionally keeps the longest form the
 * FAQ knows (see query.ts).
 */
export const VERBAL_ENDINGS: readonly string[] = ['면', '고', '게', '지', '기', '음', '하', '해'];

/**
 * Nouns whose last syllable looks like a particle or ending (추가 ends in 가, 필요 in 요, 결과 in 과). They are
 * never stripped, otherwise "추가" would become "추" and match "추천".
 */
export const PROTECTED_WORDS: ReadonlySet<string> = new Set([
  '추가', '한도', '정도', '제도', '속도', '용도', '시도', '부가', '평가', '단가', '증가', '참가', '휴가', '국가', '대가',
  '원가', '차이', '사이', '나이', '아이', '거리', '경로', '통로', '도로', '제로', '회의', '동의', '문의', '주의', '정의',
  '합의', '유의', '의도', '결과', '효과', '성과', '초과', '통과', '경과', '부과', '미만', '불만', '필요', '중요', '개요',
  '수요', '주요', '포함', '피해', '이해', '방해', '역할', '분할', '지도', '빈도', '태도', '진도', '각도', '강도', '번호',
  '기간', '사유', '해외', '이용', '이상', '이하', '이내', '이후', '이전', '이체', '이메일', '이미지', '이모티콘', '이니시스',
  '가능', '가격', '가입', '가이드', '메뉴', '도입', '프로', '에러', '모도', '카드', '리뷰', '파트너스', '수수료',
]);

/**
 * Words that say how the user asks, not what about (question words, politeness, filler, generic verbs).
 * They are dropped from queries and FAQ text alike, so "환불 어떻게 해요" and "환불 방법 문의" both reduce to 환불.
 * Service names (카카오, 카카오톡) are NOT here: they carry a little meaning and IDF already makes them cheap.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  '어떻게', '어떡', '어떡해', '어떻해', '어떤', '어떠', '어떠한', '어디', '어디서', '어디에', '어디에서', '어딨', '어딨어',
  '어딘', '언제', '언제부터', '왜', '왜그런', '뭐', '뭔', '뭔가', '뭔지', '뭐지', '뭐예', '뭐에', '뭐임', '머', '무엇',
  '무슨', '누구', '몇', '방법', '법', '문의', '질문', '좀', '수', '있', '있는', '있나', '있어', '있음', '없', '없는',
  '없어', '없음', '하', '되', '돼', '됨', '것', '거', '건', '게', '그', '이', '저', '제', '내', '나', '저기', '여기',
  '거기', '그럼', '그리고', '근데', '그런데', '그러면', '혹시', '알려', '알려줘', '알려주', '알려주세', '궁금', '궁금해',
  '설명', '설명좀', '소개', '가능', '가능한', '필요', '해당', '다른', '이거', '그거', '이게', '그게', '저거', '요즘',
  '지금', '다시', '너무', '많이', '진짜', '정말', '그냥', '제발', '빨리', '주세', '해주세', '싶', '싶어', '싶은',
  '하고', '했는데', '해서', '하면', '안', '못', '않', '대해', '관련', '관해', '경우', '때', '때문', '후', '전', '중',
  '시', '말', '인가', '나', '되나', '하나', '됐', '보', '등', '및', '또', '또는', '혹은', '것들', '건가', '건지', '하는',
  '한', '할', '된', '되는', '어떻', '굳이', '꼭', '나중', '이제', '따로', '항상', '자꾸', '계속', '아직', '벌써',
  '의미', '뜻', '개념', '곳', '새로', '새', '나서', '쓰', '쓸', '알', '알아', '라', '좀요', '되어', '돼야', '뭐야',
  '같은', '같아', '같아요', '같습니다', '듯', '합니다', '주세요', '해요', '돼요', '했어요', '괜찮', '괜찮나', '괜찮은',
  '언제쯤', '얼마나', '얼마', '무엇인', '뭐가', '뭘', '뭐로', '뭐라', '뭐라고', '이건', '그건', '저는', '제가', '내가',
  // function words of chat: hedges, fillers, intensifiers, greetings and thanks (they say how, never what about)
  '혹시나', '이런', '저런', '그런', '이런거', '저런거', '그런거', '이렇게', '저렇게', '그렇게', '저기요', '여기요',
  '거기요', '있잖아', '있잖아요', '아니', '아니요', '네네', '예예', '음', '음음', '아', '어', '오', '헐', '흠', '그래서',
  '그러니까', '그니까', '근데요', '그런데요', '암튼', '아무튼', '어쨌든', '하여튼', '일단', '우선', '막', '약간', '살짝',
  '되게', '엄청', '완전', '진심', '진짜로', '정말로', '레알', '넘', '너무너무', '젤', '제일', '걍', '글구', '그리구',
  '혹씨', '쫌', '좀만', '조금', '조금만', '제발요', '부탁', '부탁해', '부탁해요', '부탁드려',
  '부탁드립니다', '부탁드려요', '드려', '드립니다', '드려요', '안녕', '안녕하세', '안녕하세요', '안녕하십니까', '하이',
  '감사합니다', '감사해요', '고맙습니다', '고마워요', '고마워', '수고하세요', '죄송', '죄송한데', '죄송합니다',
  '실례', '실례지만', '님', '저희', '우리', '제꺼', '내꺼', '이번', '요새', '방금', '아까', '갑자기', '어떻게든',
  '머지', '뭐지요', '왠지', '며칠', '어떡하', '어떡하죠', '어떻하', '어케요', '궁금해요', '궁금합니다', '여쭤',
  '여쭤봐도', '여쭙', '문의드려', '문의드립니다', '문의드려요', '질문있어요', '질문이요',
])

/**
 * Generic action verbs and their chat/English forms (stems): they say what to do, not to what. A query word that
 * is one of these, or that expands only into them, never makes a match on its own (see rank.ts): "쿠폰 등록"
 * must not be answered by "환불 계좌 등록" because both say 등록. Written from general knowledge of Korean, for
 * any FAQ.
 */
export const GENERIC_VERBS: readonly string[] = [
  '변경', '바꾸', '바꾸기', '바꿔', '바꿈', '바꿨', '바꿀', '바뀐', '바뀌', '수정', '편집', '교체', '고치', '고치기',
  '등록', '설정', '세팅', '셋팅', '셋업', '확인', '조회', '체크', '보기', '보는', '신청', '접수', '사용', '이용', '쓰는',
  '삭제', '지우', '지우기', '지울', '제거', '없애', '없애기', '추가', '진행', '처리', '요청', '선택', '고르', '입력', '적용',
  '완료', '작성', '생성', '만들', '만들기', '만드', '관리', '해결', '하기', '되기', '안되', '안돼', '안됨', '받', '보내',
  '보내기', '찾', '찾기', '알아보', 'change', 'edit', 'modify', 'delete', 'remove', 'register', 'registration',
  'setting', 'settings', 'setup', 'check', 'confirm', 'apply', 'use', 'usage', 'select', 'input', 'add', 'create',
  'make', 'manage', 'update',
];

/**
 * Chat spellings rewritten before tokenising (applied to whole words or word starts, after lower-casing).
 * Only spellings that would otherwise not match FAQ text are listed; plain typos are left to the jamo distance.
 */
export const COLLOQUIAL: readonly (readonly [RegExp, string])[] = [
  // common misspellings (맞춤법) first, so that the chat rewrites below see the standard spelling
  [/않(되|돼|됨|됌)/g, '안$1'],
  [/안됌|안되용|안되욧/g, '안돼요'],
  [/됌/g, '됨'],
  [/몇일/g, '며칠'],
  [/어떻해|어떻하죠|어뜩해/g, '어떡해'],
  [/웬지/g, '왠지'],
  [/설겆이/g, '설거지'],
  [/왜케|왤케/g, '왜 이렇게'],
  [/어케|어캐|어떡케|어떻케/g, '어떻게'],
  [/안되요|안되여|안됀다|안되네요|안되네/g, '안돼요'],
  [/됬/g, '됐'],
  [/되요(?=$|\s)/g, '돼요'],
  [/머(예|에)요|뭐(예|에)여|뭐임|머임|뭐에욤|모에요/g, '뭐예요'],
  [/메세지/g, '메시지'],
  [/몇개/g, '몇 개'],
  [/할수/g, '할 수'],
  [/볼수/g, '볼 수'],
  [/될까요/g, '되나요'],
  [/어딨어요|어딨나요|어딧어요/g, '어디 있어요'],
];
