import { linkify } from '../../src/pages/html';

describe('linkify with Korean after the URL', () => {
  it('links the URL only, and the particle stays text', () => {
    expect(linkify('https://x.test/refund에서 확인하세요')).toBe(
      '<a href="https://x.test/refund" rel="noopener noreferrer nofollow" target="_blank">https://x.test/refund</a>에서 확인하세요',
    );
  });

  it('links a Korean domain, its host in punycode', () => {
    expect(linkify('https://한국.kr/a에서')).toBe(
      '<a href="https://xn--3e0b707e.kr/a" rel="noopener noreferrer nofollow" target="_blank">https://한국.kr/a</a>에서',
    );
  });

  it('never links a punycode host made from the word after a URL', () => {
    expect(linkify('https://www.tosspayments.com카드 거래')).toContain('href="https://www.tosspayments.com/"');
    expect(linkify('https://www.tosspayments.com카드 거래')).not.toContain('xn--');
  });
});
