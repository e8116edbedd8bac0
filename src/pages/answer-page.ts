import { COPY } from '../copy';
import type { FaqEntry } from '../faq/faq-schema';
import { excerpt } from '../kakao/text';
import { safeHttpUrl } from '../kakao/url';
import { escapeHtml, linkify } from './html';

/**
 * The full-answer page a card's "전체 답변 보기" button opens: mobile-first, readable Korean
 * typography, every piece of FAQ text escaped (answers are untrusted operator data).
 */

export interface AnswerPageInput {
  entry: FaqEntry;
  related: readonly FaqEntry[];
  /** Absolute URL of this page (for Open Graph). */
  pageUrl: string;
  pageUrlFor(id: string): string;
  /** Where the feedback form posts (`/faq/<id>/feedback`); without it the page shows no feedback form. */
  feedbackAction?: string;
  /**
   * Where the whole text of an answer that is only part of the help-center text (`answerComplete: false`) can be
   * read; the page says the answer is partial and links there.
   */
  helpCenterUrl?: string | undefined;
}

/** Code points of the page's meta description (search results show about this much). */
const DESCRIPTION_MAX = 120;

export function renderAnswerPage({ entry, related, pageUrl, pageUrlFor, feedbackAction, helpCenterUrl }: AnswerPageInput): string {
  // whole characters only: a UTF-16 slice could end in half an emoji
  const description = excerpt(entry.answer.replace(/\s+/g, ' '), DESCRIPTION_MAX);
  const landing = entry.landingUrl ? safeHttpUrl(entry.landingUrl) : undefined;
  const image = entry.imageUrl ? safeHttpUrl(entry.imageUrl) : undefined;
  const body = `
  <nav class="crumbs" aria-label="${escapeHtml(COPY.page.breadcrumbLabel)}">
    <ol>${entry.categories.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ol>
  </nav>
  <article>
    <h1>${escapeHtml(entry.question)}</h1>
    ${image ? `<img class="hero" src="${escapeHtml(image)}" alt="" loading="lazy">` : ''}
    <div class="answer">${answerHtml(entry.answer)}</div>
    ${helpCenterUrl ? partialNotice(helpCenterUrl) : ''}
    ${landing ? `<p class="landing"><a href="${escapeHtml(landing)}" rel="noopener noreferrer" target="_blank">${escapeHtml(COPY.page.landingLink)}</a></p>` : ''}
  </article>
  ${feedbackAction ? feedbackForm(feedbackAction) : ''}
  ${
    related.length > 0
      ? `<section class="related"><h2>${escapeHtml(COPY.page.relatedHeading)}</h2><ul>${related
          .map((r) => `<li><a href="${escapeHtml(pageUrlFor(r.id))}">${escapeHtml(r.question)}</a></li>`)
          .join('')}</ul></section>`
      : ''
  }
  <p class="back">${escapeHtml(COPY.page.backToChat)}</p>`;
  return layout({
    title: entry.question,
    head: [
      `<meta name="description" content="${escapeHtml(description)}">`,
      `<meta property="og:type" content="article">`,
      `<meta property="og:title" content="${escapeHtml(entry.question)}">`,
      `<meta property="og:description" content="${escapeHtml(description)}">`,
      `<meta property="og:url" content="${escapeHtml(pageUrl)}">`,
      `<meta property="og:site_name" content="${escapeHtml(COPY.page.siteName)}">`,
      image ? `<meta property="og:image" content="${escapeHtml(image)}">` : '',
    ],
    body,
  });
}

/** The 404 page; `suggestions` (a few questions from the FAQ) give the reader somewhere to go. */
export function renderNotFoundPage(suggestions: readonly { href: string; question: string }[] = []): string {
  const list =
    suggestions.length > 0
      ? `<section class="related"><h2>${escapeHtml(COPY.page.suggestionsHeading)}</h2><ul>${suggestions
          .map((s) => `<li><a href="${escapeHtml(s.href)}">${escapeHtml(s.question)}</a></li>`)
          .join('')}</ul></section>`
      : '';
  return layout({
    title: COPY.page.notFoundTitle,
    head: ['<meta name="robots" content="noindex">'],
    body: `<article><h1>${escapeHtml(COPY.page.notFoundTitle)}</h1><p>${escapeHtml(COPY.page.notFoundBody)}</p></article>${list}`,
  });
}

/** The page a browser gets when a client IP sends more requests than IP_RATE_LIMIT allows (HTTP 429). */
export function renderTooManyRequestsPage(): string {
  return layout({
    title: COPY.limits.pageTitle,
    head: ['<meta name="robots" content="noindex">'],
    body: `<article><h1>${escapeHtml(COPY.limits.pageTitle)}</h1><p>${escapeHtml(COPY.limits.pageBody)}</p></article>`,
  });
}

/** After a rating on the page: thanks, and the way back to the answer. */
export function renderFeedbackThanksPage(input: { question: string; rating: 'up' | 'down'; backHref: string }): string {
  const text = input.rating === 'up' ? COPY.feedback.pageThanksUp : COPY.feedback.pageThanksDown;
  return layout({
    title: COPY.feedback.pageThanksTitle,
    head: ['<meta name="robots" content="noindex">'],
    body: `<article><h1>${escapeHtml(COPY.feedback.pageThanksTitle)}</h1><p>${escapeHtml(text)}</p>
    <p class="landing"><a href="${escapeHtml(input.backHref)}">${escapeHtml(COPY.feedback.pageBack)}</a></p>
    <p class="quoted">${escapeHtml(input.question)}</p></article>`,
  });
}

/** A rating that could not be taken (a missing or unknown value; `problem` says what else went wrong). */
export function renderFeedbackErrorPage(backHref: string, problem: string = COPY.feedback.pageBadRequest): string {
  return layout({
    title: problem,
    head: ['<meta name="robots" content="noindex">'],
    body: `<article><h1>${escapeHtml(problem)}</h1>
    <p class="landing"><a href="${escapeHtml(backHref)}">${escapeHtml(COPY.feedback.pageBack)}</a></p></article>`,
  });
}

/** The answer is a help-center snippet: say so, and link to the help center's search for the whole text. */
function partialNotice(helpCenterUrl: string): string {
  return `<p class="partial">${escapeHtml(COPY.page.partialNotice)}
    <a href="${escapeHtml(helpCenterUrl)}" rel="noopener noreferrer" target="_blank">${escapeHtml(COPY.page.helpCenterLink)}</a></p>`;
}

/** A POST form, not links: link prefetchers and preview crawlers must not be able to cast a vote. */
function feedbackForm(action: string): string {
  return `<section class="feedback"><h2>${escapeHtml(COPY.feedback.pageHeading)}</h2>
    <form method="post" action="${escapeHtml(action)}">
      <button type="submit" name="v" value="up">${escapeHtml(COPY.feedback.up)}</button>
      <button type="submit" name="v" value="down">${escapeHtml(COPY.feedback.down)}</button>
    </form></section>`;
}

/**
 * Lines stay lines: each becomes a paragraph; "- " / "• " lines become a bulleted list and "1. " / "1) " lines
 * a numbered one (starting where the text starts), so steps keep their numbers.
 */
function answerHtml(answer: string): string {
  const lines = answer.split('\n').map((l) => l.trim()).filter(Boolean);
  let html = '';
  let open: 'ul' | 'ol' | undefined;
  for (const line of lines) {
    const bullet = /^[-•·▪*]\s*(.+)$/.exec(line);
    const numbered = /^(\d{1,3})[.)]\s+(.+)$/.exec(line);
    const kind = bullet ? 'ul' : numbered ? 'ol' : undefined;
    if (open && kind !== open) html += `</${open}>`;
    if (kind && kind !== open) {
      const start = numbered && numbered[1] !== '1' ? ` start="${Number(numbered[1])}"` : '';
      html += `<${kind}${start}>`;
    }
    open = kind;
    const text = bullet ? bullet[1]! : numbered ? numbered[2]! : line;
    html += kind ? `<li>${linkify(text)}</li>` : `<p>${linkify(text)}</p>`;
  }
  return open ? `${html}</${open}>` : html;
}

function layout(page: { title: string; head: string[]; body: string }): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} | ${escapeHtml(COPY.page.siteName)}</title>
${page.head.filter(Boolean).join('\n')}
<style>${STYLE}</style>
</head>
<body>
<main>${page.body}
</main>
</body>
</html>
`;
}

const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f6f6f6;color:#191919;font:17px/1.7 -apple-system,BlinkMacSystemFont,"Apple SD Gothic Neo","Noto Sans KR","Malgun Gothic",sans-serif;word-break:keep-all;overflow-wrap:anywhere}
main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 3rem}
article{background:#fff;border-radius:12px;padding:1.25rem 1.25rem 1.5rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
h1{font-size:1.3rem;line-height:1.45;margin:0 0 1rem}
h2{font-size:1.05rem;margin:0 0 .5rem}
p{margin:0 0 .8rem}
ul,ol{margin:0 0 .8rem;padding-left:1.4rem}
li{margin:.2rem 0}
a{color:#2a61c6}
img.hero{display:block;max-width:100%;height:auto;border-radius:8px;margin:0 0 1rem}
.crumbs ol{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0 0 .75rem;padding:0;font-size:.85rem;color:#666}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#aaa}
.landing a{display:inline-block;padding:.55rem .9rem;border-radius:8px;background:#fee500;color:#191919;text-decoration:none;font-weight:600}
.related{margin-top:1.25rem;background:#fff;border-radius:12px;padding:1rem 1.25rem}
.related li{margin:.35rem 0}
.back{margin-top:1.25rem;font-size:.9rem;color:#666;text-align:center}
.feedback{margin-top:1.25rem;background:#fff;border-radius:12px;padding:1rem 1.25rem}
.feedback form{display:flex;flex-wrap:wrap;gap:.5rem}
.feedback button{flex:1 1 8rem;min-height:44px;padding:.55rem .9rem;border:1px solid #ddd;border-radius:8px;background:#fafafa;color:#191919;font:inherit;font-size:.95rem;cursor:pointer}
.feedback button:active{background:#eee}
.quoted{margin-top:1rem;color:#666;font-size:.9rem}
.partial{margin:1rem 0 0;padding:.7rem .9rem;border-radius:8px;background:#f4f6fa;color:#444;font-size:.92rem}
`;
