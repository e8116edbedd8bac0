/**
 * Kakao's help-center search, the address of the pages the bundled FAQ was imported from: where the whole
 * text of an entry whose answer is only a search snippet (`answerComplete: false`) can be read.
 */
export function helpCenterSearchUrl(question: string): string {
  return `https://cs.kakao.com/search?query=${encodeURIComponent(question)}`;
}
