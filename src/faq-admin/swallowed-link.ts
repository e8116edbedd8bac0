import { domainToUnicode } from 'node:url';

/**
 * A link in FAQ text that took in the text after it, as a browser or an editor made it out of Korean written
 * right after a URL (`findUrls` in src/kakao/url.ts is where such a URL really ends). `faq lint` reports it.
 */

/** An ASCII word with Hangul glued on its end ("refund에서", "com카드"), the Hangul captured. */
const GLUED_KOREAN = /[A-Za-z0-9_-]([\u3130-\u318f\uac00-\ud7af]+)$/;

/**
 * Why a link looks like it swallowed the text after it, or undefined. Two tell-tales: a punycode host
 * (`xn--`, what a browser makes of "tosspayments.com카드") and a path ending in percent-encoded Hangul glued
 * to an ASCII word ("/refund%EC%97%90%EC%84%9C" is "/refund에서"). Korean in a query value is normal.
 */
export function swallowedTextIn(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  const url = new URL(link);
  if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) {
    const readable = domainToUnicode(url.hostname);
    // "com카드": an ASCII label with Korean glued on is a swallowed word; "한국.kr" is a real Korean domain
    const swallowed = readable.split('.').some((label) => GLUED_KOREAN.test(label));
    return `has a punycode host "${url.hostname}" ("${readable}"): ${swallowed ? 'Korean text after the URL was taken into the host' : 'check that the host is meant'}`;
  }
  const lastSegment = url.pathname.replace(/\/$/, '').split('/').pop() ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(lastSegment);
  } catch {
    return undefined;
  }
  const glued = GLUED_KOREAN.exec(decoded);
  return glued ? `ends in percent-encoded Korean "${glued[1]}": the text after the URL was taken into the path` : undefined;
}
