import { findUrls, isHttpUrl, safeHttpUrl } from '../../src/kakao/url';

const urlsIn = (text: string) => findUrls(text).map((u) => u.url);

describe('findUrls: where a URL in Korean text ends', () => {
  it.each([
    ['https://cs.kakao.com/refund에서 확인하세요', 'https://cs.kakao.com/refund'],
    ['자세한 내용은 https://business.kakao.com/info/cash/를 참고하세요.', 'https://business.kakao.com/info/cash/'],
    ['토스페이먼츠 https://www.tosspayments.com카드 거래의 경우', 'https://www.tosspayments.com'],
    ['https://x.test/a?b=1&c=2으로 접속해 주세요', 'https://x.test/a?b=1&c=2'],
    ['주소: https://x.test/path.', 'https://x.test/path'],
    ['(https://x.test/a) 참고', 'https://x.test/a'],
    ['(자세히: https://ko.wikipedia.org/wiki/Seoul_(city))', 'https://ko.wikipedia.org/wiki/Seoul_(city)'],
    ['링크는 https://x.test/a!', 'https://x.test/a'],
    ['정말요? https://x.test/b?', 'https://x.test/b'],
    ["'https://x.test/c'에서 받으세요", 'https://x.test/c'],
    ['"https://x.test/d"를 누르세요', 'https://x.test/d'],
    ['「https://x.test/e」에서', 'https://x.test/e'],
    ['『https://x.test/f』 참고', 'https://x.test/f'],
    ['https://x.test/g，다음', 'https://x.test/g'],
    ['https://x.test/h日本語', 'https://x.test/h'],
    ['https://x.test/i,https://x.test/j', 'https://x.test/i,https://x.test/j'],
    ['https://x.test/k%EC%97%90 그대로', 'https://x.test/k%EC%97%90'],
    // a Korean domain: Hangul labels right after the scheme, then a dot and an ASCII top-level domain
    ['https://한국.kr/ 에서 확인', 'https://한국.kr/'],
    ['주소는 https://한국.kr입니다.', 'https://한국.kr'],
    ['https://정부24.go.kr/portal/main에서 신청', 'https://정부24.go.kr/portal/main'],
    ['(https://우리.은행.com/a) 참고', 'https://우리.은행.com/a'],
    ['https://x.test/a' + ')'.repeat(3) + '.', 'https://x.test/a'],
  ])('%s → %s', (text, url) => {
    expect(urlsIn(text)).toEqual([url]);
  });

  it('finds every URL and keeps their positions', () => {
    const text = '사이트 : https://www.tosspayments.com카드 … KG이니시스 https://www.inicis.com';
    const found = findUrls(text);
    expect(found.map((u) => u.url)).toEqual(['https://www.tosspayments.com', 'https://www.inicis.com']);
    for (const u of found) expect(text.slice(u.start, u.end)).toBe(u.url);
  });

  it('reads Hangul after the scheme as a host only when a dot and an ASCII top-level domain follow', () => {
    expect(urlsIn('https://환불 안내')).toEqual([]);
    expect(urlsIn('https://카드.결제 안내')).toEqual([]);
    expect(urlsIn('https://한국.k 안내')).toEqual([]);
    expect(findUrls('보기: https://한국.kr/a에서')).toEqual([{ url: 'https://한국.kr/a', start: 4, end: 19 }]);
  });

  it('trims a long run of closing brackets in one pass, keeping the ones the URL opened', () => {
    const n = 200_000;
    expect(urlsIn(`https://x.test/a${')'.repeat(n)} 끝`)).toEqual(['https://x.test/a']);
    const nested = `https://x.test/${'('.repeat(n)}b${')'.repeat(n)}`;
    expect(urlsIn(`${nested}))]. 다음`)).toEqual([nested]);
  });

  it('finds no URL in a bare scheme or another scheme', () => {
    expect(urlsIn('https:// 로 시작하는 주소')).toEqual([]);
    expect(urlsIn('kakaoplus://plusfriend/chat/ 또는 javascript:alert(1)')).toEqual([]);
  });
});

describe('safe links: only http(s) URLs become links', () => {
  it.each([
    ['https://x.test/a', 'https://x.test/a'],
    ['HTTPS://X.test', 'https://x.test/'],
    ['https://한국.kr/a', 'https://xn--3e0b707e.kr/a'],
  ])('safeHttpUrl(%s) → %s', (candidate, href) => {
    expect(safeHttpUrl(candidate)).toBe(href);
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', '/relative', 'www.x.test'])('%s stays plain text', (candidate) => {
    expect(safeHttpUrl(candidate)).toBeUndefined();
    expect(isHttpUrl(candidate)).toBe(false);
  });

  it('isHttpUrl wants a host right after the scheme, as Kakao does', () => {
    expect(isHttpUrl('https://x.test/a')).toBe(true);
    expect(isHttpUrl('https:///x.test')).toBe(false);
    expect(isHttpUrl(42)).toBe(false);
  });
});
