import type { Response } from 'express';
import { renderTooManyRequestsPage } from '../pages/answer-page';

/**
 * The one Content-Security-Policy of every HTML page. Page text is untrusted FAQ data: even if escaping failed
 * somewhere, no script, frame or plugin could run, and forms may only post back to this server (the feedback form).
 */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Sends an HTML page (src/pages) with the headers every page gets. */
export function sendPage(res: Response, status: number, cacheControl: string, html: string): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', cacheControl);
  res.status(status).send(html);
}

/** What a browser gets from a client IP over IP_RATE_LIMIT (src/http/rate-limit.ts): a short Korean page. */
export function sendTooManyRequestsPage(res: Response): void {
  sendPage(res, 429, 'no-store', renderTooManyRequestsPage());
}
