/**
 * Sentence templates for questions and answers, written as Korean with slots so they read like the FAQ they
 * imitate. Slots: {S} service, {M} menu, {T} 대상, {T2} a second 대상, {A} 동작 (a 하다-noun), {P} platform,
 * {N} a small number, {U} a help URL. `{T:은/는}` attaches the particle that fits the word's last syllable
 * (받침 rule, via es-hangul), so "월렛은" and "예약발송은" both come out right.
 */
import { josa } from 'es-hangul';

/** Values for the slots of one entry. */
export interface Slots {
  S: string;
  M: string;
  T: string;
  T2: string;
  A: string;
  P: string;
  N: string;
  U: string;
}

type JosaPair = Parameters<typeof josa>[1];
const SLOT = /\{(T2|S|M|T|A|P|N|U)(?::([^}]+))?\}/g;

/** Fills a template. A `{X:a/b}` particle is chosen by 받침; any other suffix (`{T:에서}`) is appended as is. */
export function fill(template: string, slots: Slots): string {
  return template.replace(SLOT, (_, name: keyof Slots, particle: string | undefined) => {
    const word = slots[name];
    if (!particle) return word;
    return particle.includes('/') ? josa(word, particle as JosaPair) : word + particle;
  });
}

/** {대상} {동작} question shapes seen in the seed FAQ and on Kakao's help center. */
export const QUESTION_TEMPLATES: readonly string[] = [
  '{T} {A:은/는} 어떻게 하나요?',
  '{T:이/가} 안 돼요.',
  '{T:을/를} {A}할 수 있나요?',
  '{T:은/는} 무엇인가요?',
  '{T:을/를} {A}하고 싶어요. 어디에서 {A}할 수 있나요?',
  '{P:에서} {T:을/를} {A}하려면 어떻게 해야 하나요?',
  '{T} {A} 후 {T2:은/는} 어떻게 되나요?',
  '{T} {A:이/가} 되었다고 하는데 확인되지 않아요.',
  '{T:와/과} {T2:은/는} 어떤 차이가 있나요?',
  '{T:을/를} {A}했는데 {T2:에} 반영되지 않아요.',
  '{T:은/는} 최대 몇 개까지 {A}할 수 있나요?',
  '{T} {A} 시간을 설정할 수 있나요?',
  '{T:을/를} 꼭 {A}해야 하나요?',
  '{T} {A} 시 수수료가 있나요?',
  "'{T}' 메뉴는 어디에 있나요?",
  '{T} {A} 내역은 어디서 볼 수 있나요?',
  '{T:이/가} 사라졌어요. 복구할 수 있나요?',
  '{S:에서} {T} {A:은/는} 어떻게 하나요?',
  '{T} {A:이/가} 안 돼요. 어떻게 해야 하나요?',
  '{T:은/는} 어떤 상태인가요?',
  '{T:을/를} {A}하면 {T2:도} 함께 {A}되나요?',
  '{T} {A} 방법을 알려주세요.',
  '{T:은/는} 어디에서 확인할 수 있나요?',
  '[{T}] {T2:을/를} {A}한 내용이 따로 저장되나요?',
  '{T} {A} 요청은 언제 처리되나요 ?',
  '{P:에서} {T:이/가} 보이지 않아요',
];

/** Answer sentences; an answer is 1–8 of these, sometimes with a list block or a seed sentence mixed in. */
export const ANSWER_SENTENCES: readonly string[] = [
  '{S} > {M} 메뉴에서 {T:을/를} {A}할 수 있습니다.',
  '{T} {A:은/는} 관리자 권한이 있는 계정에서만 가능합니다.',
  '{A} 후에는 되돌릴 수 없으니 신중하게 진행해 주세요.',
  '처리까지 영업일 기준 최대 {N}일이 소요됩니다.',
  '자세한 내용은 {U} 에서 확인해 주세요.',
  '{P:에서는} [설정] > [{T}] 메뉴를 이용해 주세요.',
  '{T:이/가} 보이지 않는 경우 앱을 최신 버전으로 업데이트한 뒤 다시 시도해 주세요.',
  '{T2:은/는} {T} {A:와/과} 별도로 관리됩니다.',
  '단, {T2:이/가} 설정된 경우에는 {T:을/를} {A}할 수 없습니다.',
  '{T} {A} 내역은 [{M}] 화면에서 최근 {N}개월까지 조회할 수 있습니다.',
  '문제가 계속되면 고객센터 1:1 문의로 접수해 주시기 바랍니다.',
  '{T:은/는} {S:에서} 제공하는 기능으로, {T2:와/과} 함께 사용할 수 있습니다.',
  '{A} 요청이 완료되면 등록된 이메일로 안내 메일이 발송됩니다.',
  '최대 {N}개까지 {A}할 수 있으며, 초과하면 기존 항목을 삭제해야 합니다.',
  '{T} {A:은/는} 무료로 제공되며 별도의 수수료는 없습니다.',
  '{T} {A} 시 결제금액의 {N}%가 수수료로 부과됩니다.',
  '{T:을/를} {A}하면 {T2:도} 함께 변경되니 참고해 주세요.',
  '{P:에서는} 일부 기능이 제공되지 않을 수 있습니다.',
  '{T} 상태는 [{M}] 목록의 상태 항목에서 확인할 수 있습니다.',
  '만일 {T:이/가} 이미 {A}된 상태라면 추가로 처리할 필요가 없습니다.',
];

/** Opening sentence of an ordered-steps block. */
export const STEPS_INTROS: readonly string[] = ['{T} {A} 방법은 다음과 같습니다.', '아래 순서대로 진행해 주세요.'];

/** Steps of an ordered list (numbered "1. …"), in the order they happen. */
export const STEPS: readonly string[] = [
  '{S:에} 로그인합니다.',
  '[{M}] 메뉴를 선택합니다.',
  '{T:을/를} 선택하고 [{A}] 버튼을 누릅니다.',
  '안내 팝업의 내용을 확인한 뒤 [확인]을 누릅니다.',
  '{T2} 항목을 입력하고 [저장]을 누릅니다.',
  '{P} 앱을 실행하고 [더보기] > [설정]으로 이동합니다.',
];

/** Opening sentence of a bullet block ("- …"). */
export const BULLETS_INTRO = '아래의 경우에는 {T:을/를} {A}할 수 없습니다.';

/** Bullet items: conditions, in the style of the seed's "(쿠폰사용, 고정 n개 …)" lists. */
export const BULLETS: readonly string[] = [
  '{T2:이/가} 진행 중인 경우',
  '이용완료 후 {N}일이 지난 경우',
  '쿠폰을 사용한 경우',
  '관리자 권한이 없는 경우',
  '{P:에서} 로그아웃된 경우',
  '정산이 완료된 경우',
];

/**
 * Optional question prefixes naming where the question applies. Real FAQ questions rarely repeat their
 * category, but without this a 100k corpus would repeat most questions verbatim across services.
 */
export const QUESTION_QUALIFIERS: readonly string[] = ['{S:에서} ', '{S} ', '[{M}] ', '{P:에서} '];
