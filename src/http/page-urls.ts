/**
 * Where the answer pages live, in one place. An entry of the default FAQ set has its page at `/faq/<id>`; an
 * entry of another set at `/faq/<id>?set=<name>`, and that page's form and redirects carry the `?set=` on, so
 * every step looks the entry up in the set it came from.
 */
export interface PageUrls {
  /** Absolute URL of the page of entry `id` of `set` (default: the default set): what replies link to. */
  page(id: string, set?: string): string;
  /** The set a page request names with `?set=`, else the default set. */
  setOf(query: unknown): string;
  /** The page of entry `id` of `set` as a path and query, for links and redirects that work behind a path prefix. */
  pageHref(id: string, set: string): string;
  /** Where the page's feedback form posts: its path + `/feedback`, with the set (when not the default) and `token`. */
  feedbackAction(id: string, set: string, token: string): string;
  /** The thank-you page for `rating` after a vote on the page at `pageHref`. */
  thanksHref(pageHref: string, rating: string): string;
}

export function pageUrls(publicBaseUrl: string, defaultSet: string): PageUrls {
  const page = (id: string, set = defaultSet) => {
    const query = set === defaultSet ? '' : `?set=${encodeURIComponent(set)}`;
    return `${publicBaseUrl}/faq/${encodeURIComponent(id)}${query}`;
  };
  return {
    page,
    setOf(query) {
      const set = (query as Record<string, unknown> | undefined)?.set;
      return typeof set === 'string' ? set : defaultSet;
    },
    pageHref(id, set) {
      const url = new URL(page(id, set));
      return `${url.pathname}${url.search}`;
    },
    feedbackAction(id, set, token) {
      const query = new URLSearchParams({ ...(set === defaultSet ? {} : { set }), t: token });
      return `${pathOf(page(id))}/feedback?${query.toString()}`;
    },
    thanksHref: (href, rating) => `${href.replace(/\?.*$/, '')}/feedback?v=${rating}${href.includes('?') ? `&${href.split('?')[1]}` : ''}`,
  };
}

/** The path part of an absolute page URL, so links and form actions work behind a path prefix too. */
function pathOf(absoluteUrl: string): string {
  return new URL(absoluteUrl).pathname;
}
