import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * Who may post the answer page's feedback form. Two checks, because neither is enough alone:
 * - Where the browser says the form was. `Sec-Fetch-Site`, which every current browser sends whatever the
 *   page's referrer policy, must be `same-origin`; an `Origin` that names a site must be this server's
 *   (PUBLIC_BASE_URL's origin, or the Host the request was sent to). This stops another site from making its
 *   visitors' browsers vote from their own IPs, past the per-IP limit. It says nothing when a client sends
 *   neither header (an older browser, a proxy that strips them, `Origin: null` under a strict referrer policy).
 * - A token in the form's action: an HMAC of the FAQ set, the entry id and the hour the page was served, good
 *   for a day. So a vote needs a page of that very entry served recently, also where the headers are absent,
 *   and a form copied onto another site goes stale. The answer page may stay in caches for minutes, so the
 *   token is not per visitor; and a token in the page is no secret from whoever fetches the page.
 * Neither stops a script that fetches the page and then posts without those headers: the per-IP rate limit
 * (IP_RATE_LIMIT) bounds that.
 */

export type FormRefusal = 'cross_site_form' | 'stale_form';

export interface FeedbackFormGuard {
  /** The token the page of entry `id` of `set` carries in its form's action (`?t=`). */
  token(set: string, id: string): string;
  /** Why `req` may not vote on entry `id` of `set`, or undefined when it may. */
  refusal(req: Request, set: string, id: string): FormRefusal | undefined;
}

const HOUR_MS = 3600_000;
/** Hours a served page's token is accepted: a tab left open over a working day still votes. */
const TOKEN_HOURS = 24;
const SIGNATURE_CHARS = 22; // 132 bits of base64url

export function feedbackFormGuard(options: { secret: string; publicBaseUrl: string; now?: () => number }): FeedbackFormGuard {
  // a key of its own, derived from the install's secret (the user-key salt), so the two uses never meet
  const key = createHmac('sha256', options.secret).update('answer-page feedback form').digest();
  const ownOrigin = new URL(options.publicBaseUrl).origin;
  const now = options.now ?? Date.now;
  const sign = (set: string, id: string, hour: number) =>
    createHmac('sha256', key).update(`${set}\u0000${id}\u0000${hour}`).digest('base64url').slice(0, SIGNATURE_CHARS);

  function tokenValid(token: unknown, set: string, id: string): boolean {
    if (typeof token !== 'string' || token.length > 40) return false;
    const match = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) return false;
    const hour = parseInt(match[1]!, 36);
    const age = Math.floor(now() / HOUR_MS) - hour;
    // one hour ahead is allowed for servers whose clocks differ slightly
    if (age < -1 || age > TOKEN_HOURS) return false;
    const expected = Buffer.from(sign(set, id, hour));
    const given = Buffer.from(match[2]!);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  function crossSite(req: Request): boolean {
    const fetchSite = req.get('sec-fetch-site');
    if (fetchSite !== undefined && fetchSite !== 'same-origin') return true;
    const origin = req.get('origin');
    if (origin === undefined || origin === 'null') return false;
    if (origin === ownOrigin) return false;
    // reached under another name than PUBLIC_BASE_URL (a LAN address): the browser's Origin is the Host it sent to
    return !URL.canParse(origin) || new URL(origin).host !== req.get('host') || new URL(origin).origin !== origin;
  }

  return {
    token: (set, id) => {
      const hour = Math.floor(now() / HOUR_MS);
      return `${hour.toString(36)}.${sign(set, id, hour)}`;
    },
    refusal(req, set, id) {
      if (crossSite(req)) return 'cross_site_form';
      return tokenValid(req.query.t, set, id) ? undefined : 'stale_form';
    },
  };
}
