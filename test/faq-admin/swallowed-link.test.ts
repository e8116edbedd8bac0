import { swallowedTextIn } from '../../src/faq-admin/swallowed-link';

describe('swallowedTextIn: links that took in the text after them', () => {
  it.each([
    // what the browser made of "https://www.tosspayments.com카드"
    ['https://www.tosspayments.xn--com-504mx73h/', /punycode host .*tosspayments\.com카드.*Korean text after the URL/],
    ['https://www.tosspayments.com카드', /punycode host/],
    ['https://xn--3e0b707e.kr/', /punycode host .*check that the host is meant/],
    ['https://x.test/refund%EC%97%90%EC%84%9C', /percent-encoded Korean "에서"/],
    ['https://x.test/refund에서', /percent-encoded Korean "에서"/],
    ['https://x.test/info/refund%EC%97%90%EC%84%9C/', /"에서"/],
  ])('%s', (link, message) => {
    expect(swallowedTextIn(link)).toMatch(message);
  });

  it.each([
    'https://cs.kakao.com/search?query=%ED%99%98%EB%B6%88',
    'https://business.kakao.com/info/cash/',
    'https://x.test/wiki/%EC%84%9C%EC%9A%B8',
    'not a url',
  ])('accepts %s', (link) => {
    expect(swallowedTextIn(link)).toBeUndefined();
  });
});
