import { findUrls } from '../faq/answer-urls';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Only http(s) URLs become links; everything else (javascript:, data:, …) stays plain text. */
export function safeHttpUrl(candidate: string): string | undefined {
  if (!/^https?:\/\//i.test(candidate) || !URL.canParse(candidate)) return undefined;
  const url = new URL(candidate);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** Escapes a line of untrusted text and turns the http(s) URLs in it into safe links (see `findUrls`). */
export function linkify(text: string): string {
  let html = '';
  let last = 0;
  for (const { url, start, end } of findUrls(text)) {
    const href = safeHttpUrl(url);
    html += escapeHtml(text.slice(last, start));
    html += href
      ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(url)}</a>`
      : escapeHtml(url);
    last = end;
  }
  return html + escapeHtml(text.slice(last));
}
