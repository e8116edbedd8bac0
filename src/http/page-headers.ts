import type { Response } from 'express';

/**
 * Headers of every HTML page. Page text is untrusted FAQ data: even if escaping failed somewhere, no
 * script, frame or plugin could run, and forms may only post back to this server (the feedback form).
 */
export function setPageHeaders(res: Response, cacheControl: string): void {
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('Cache-Control', cacheControl);
}

/** The path part of an absolute page URL, so links and form actions work behind a path prefix too. */
export function pathOf(absoluteUrl: string): string {
  return new URL(absoluteUrl).pathname;
}
