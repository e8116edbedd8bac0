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

/** Maps errors thrown by express's body parser (they carry `type` and `status`) to named client errors. */
export function fromBodyParserError(error: unknown, limitBytes: number): HttpError | undefined {
  if (!(error instanceof Error) || !('type' in error)) return undefined;
  switch (error.type) {
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
      return undefined;
  }
}
