import type { Response } from 'express';

/**
 * A client error the edge answers with a JSON body that names the problem:
 * `{ "error": { "status": 400, "code": "invalid_payload", "message": "…" } }`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ErrorBody {
  error: { status: number; code: string; message: string; requestId?: string } & Record<string, unknown>;
}

export function sendError(res: Response, error: HttpError, requestId?: string): void {
  const body: ErrorBody = {
    error: { status: error.status, code: error.code, message: error.message, ...error.details, requestId },
  };
  res.status(error.status).json(body);
}

/**
 * Maps errors thrown by express's body parser (they carry `type` and `status`), and the router's URIError
 * for a route parameter that is not valid percent-encoding, to named client errors.
 */
export function fromBodyParserError(error: unknown, limitBytes: number): HttpError | undefined {
  if (!(error instanceof Error)) return undefined;
  switch ((error as { type?: unknown }).type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', `Request body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new HttpError(413, 'body_too_large', `Request body is larger than the ${limitBytes}-byte limit`, {
        limitBytes,
      });
    case 'request.size.invalid':
    case 'request.aborted':
      return new HttpError(400, 'incomplete_body', 'Request body ended before its declared Content-Length');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', error.message);
    case 'parameters.too.many':
      return new HttpError(413, 'too_many_parameters', error.message);
    default:
      if (isSystemError(error)) {
        // The body parser labels any failure while reading as the client's (400) with its message, but an
        // EMFILE from a lazily loaded module (too many open files) is the server's and names its paths.
        return new HttpError(503, 'server_busy', 'The server cannot take this request right now; try again shortly');
      }
      if (error instanceof URIError && (error as { status?: unknown }).status === 400) {
        // Express's router could not percent-decode a route parameter (GET /faq/%ZZ): once a 500.
        return new HttpError(400, 'invalid_path', `${error.message}: the request path is not valid percent-encoding`);
      }
      return exposedClientError(error);
  }
}

/** An error from a system call (node sets `syscall`: EMFILE on `open`, ENOMEM, …); zlib errors have none. */
function isSystemError(error: Error): boolean {
  return typeof (error as { syscall?: unknown }).syscall === 'string';
}

/**
 * Any other error the body parser marked as the client's (http-errors sets `expose` on 4xx). The case
 * that reached users as a 500 before: a gzip/deflate/br body that does not decompress (a zlib error).
 */
function exposedClientError(error: Error): HttpError | undefined {
  const { status, expose, code } = error as { status?: unknown; expose?: unknown; code?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  // zlib reports gzip/deflate failures as Z_…, brotli failures as ERR__ERROR_….
  if (typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code)) {
    return new HttpError(400, 'undecodable_body', `Request body does not decompress as its Content-Encoding says: ${error.message}`);
  }
  return new HttpError(status, 'bad_request', `Request body could not be read: ${error.message}`);
}
