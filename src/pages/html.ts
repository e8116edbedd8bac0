import { findUrls, safeHttpUrl } from '../kakao/url';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
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
