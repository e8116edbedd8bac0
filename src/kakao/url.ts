/**
 * Safe links: only http(s) URLs become a link, a webLink button or a thumbnail's link; everything else
 * (javascript:, data:, a relative path, text that merely looks like a URL) stays plain text.
 */
export function safeHttpUrl(candidate: string): string | undefined {
  if (!/^https?:\/\//i.test(candidate) || !URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}
