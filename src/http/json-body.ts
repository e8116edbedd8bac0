import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import express, { type RequestHandler } from 'express';

/**
 * The skill route's JSON body reader: what `express.json({ limit, strict: false })` did, without body-parser's work
 * per request (type-is and content-type parsing, an iconv decoder, raw-body's async resource, http-errors), which
 * profiled at about 7% of the edge floor's busy time. Chunks are collected once, decoded once, parsed once.
 *
 * Not strict: a JSON string or number is valid JSON, so the payload check names the problem instead.
 * Every answer is express.json's (test/http/json-body.test.ts sends the same requests to both): its error `type`s
 * are kept, so fromBodyParserError (./http-error.ts) maps them as before. A Content-Type other than the common
 * `application/json` forms (a charset other than UTF-8, parameters, odd spelling) and an unknown Content-Encoding
 * are rare and go to express.json itself. A slow body is bounded by the server's own timeouts, not a timer here.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const unusual = express.json({ limit: limitBytes, strict: false });
  return (req, res, next) => {
    if (isFinished(req)) return next();
    if (!('body' in (req as object))) req.body = undefined;
    const { headers } = req;
    // no body (type-is's hasBody): neither chunked nor a Content-Length; the skill route answers 415
    if (headers['transfer-encoding'] === undefined && Number.isNaN(Number(headers['content-length']))) return next();
    const type = headers['content-type'];
    if (type === undefined) return next();
    if (!JSON_TYPES.has(type.toLowerCase())) return unusual(req, res, next);
    const coding = (headers['content-encoding'] || 'identity').toLowerCase();
    if (coding === 'identity') {
      const declared = headers['content-length'] === undefined ? null : parseInt(headers['content-length'], 10);
      new BodyRead(req, undefined, Number.isNaN(declared) ? null : declared, limitBytes, next).start();
      return;
    }
    const inflate = INFLATERS[coding];
    if (!inflate) return unusual(req, res, next);
    const inflating = inflate();
    req.pipe(inflating);
    // the limit applies to the inflated size, as body-parser's does
    new BodyRead(req, inflating, null, limitBytes, next).start();
  };
}

/** The Content-Types read here (lower-cased); type-is accepts each as `application/json` with a UTF-8 charset. */
const JSON_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

const INFLATERS: Record<string, (() => Transform) | undefined> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** on-finished's test, which body-parser starts with: the body was read already, or the connection is gone. */
function isFinished(req: IncomingMessage): boolean {
  if (typeof req.complete !== 'boolean') return false;
  const socket = req.socket as IncomingMessage['socket'] | null;
  return Boolean((req as { upgrade?: boolean }).upgrade || !socket || !socket.readable || (req.complete && !req.readable));
}

type Next = (error?: unknown) => void;

/**
 * Reads the request (or the inflater it is piped into) to its end, then parses it into `req.body`. On an error
 * the rest of the request is read off first, as body-parser does, so the answer can be sent. A class with inline
 * listeners rather than named closures: no function is named per request (under tsx, which runs the tests and
 * benches, every named function costs a call per request; the compiled server does not pay it).
 */
class BodyRead {
  private chunks: Buffer[] = [];
  private received = 0;
  private settled = false;

  constructor(
    private readonly req: IncomingMessage & { body?: unknown },
    private readonly inflating: Transform | undefined,
    private readonly declared: number | null,
    private readonly limit: number,
    private readonly next: Next,
  ) {}

  start(): void {
    if (this.declared !== null && this.declared > this.limit) {
      // checked before reading, as raw-body does; its callback comes on the next tick
      process.nextTick(() => this.fail(bodyError(413, 'entity.too.large', 'request entity too large')));
      return;
    }
    const source = this.inflating ?? this.req;
    // Listeners stay once settled (each returns at once): removing them costs more than the request they outlive.
    source.on('data', (chunk: Buffer) => this.data(chunk));
    source.on('end', () => this.end());
    source.on('error', (error: Error) => this.error(error));
    this.req.on('close', () => this.settled || this.req.complete || this.fail(bodyError(400, 'request.aborted', 'request aborted')));
  }

  private data(chunk: Buffer): void {
    if (this.settled) return;
    this.received += chunk.length;
    if (this.received > this.limit) this.fail(bodyError(413, 'entity.too.large', 'request entity too large'));
    else this.chunks.push(chunk);
  }

  private end(): void {
    if (this.settled) return;
    if (this.declared !== null && this.received !== this.declared) {
      this.fail(bodyError(400, 'request.size.invalid', 'request size did not match content length'));
      return;
    }
    this.settled = true;
    const { chunks, received, inflating, req } = this;
    this.chunks = [];
    if (inflating) {
      req.unpipe(inflating);
      inflating.on('error', () => {}).destroy();
      req.resume();
    }
    parseInto(req, received === 0 ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received), this.next);
  }

  private error(error: Error & { code?: string; errno?: number }): void {
    if (this.settled) return;
    if (!this.inflating) {
      // the request's own error: the client went away mid-body
      this.fail(bodyError(400, 'request.aborted', 'request aborted'));
      return;
    }
    // A zlib error is the client's (400, exposed), as http-errors marks it for body-parser. Made again here, as
    // jest's module realm does not take node's own errors for `instanceof Error`; message and code are kept.
    const { message, code, errno } = error;
    this.fail(Object.assign(new Error(message), { code, errno, status: 400, statusCode: 400, expose: true }));
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    if (this.inflating) {
      this.req.unpipe(this.inflating);
      this.inflating.destroy();
    }
    readOff(this.req, () => this.next(error));
  }
}

/** Decodes UTF-8 once (a leading byte order mark dropped, as iconv-lite drops it) and parses once. */
function parseInto(req: { body?: unknown }, bytes: Buffer, next: Next): void {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.toString('utf8', bom ? 3 : 0);
  // an empty body is `{}` for body-parser ("a common client-side mistake"); the payload check refuses it
  if (text.length === 0) {
    req.body = {};
    return next();
  }
  try {
    req.body = JSON.parse(text);
  } catch (error) {
    return next(Object.assign(error as Error, { status: 400, statusCode: 400, expose: true, type: 'entity.parse.failed' }));
  }
  next();
}

/** Reads off whatever is left of the request, then calls `then` (body-parser's dump, on-finished's events). */
function readOff(req: IncomingMessage, then: () => void): void {
  if (isFinished(req)) return then();
  let called = false;
  const once = (): void => {
    if (called) return;
    called = true;
    then();
  };
  req.on('end', once);
  req.on('close', once);
  req.resume();
}

/** An error shaped like body-parser's (http-errors' status and `expose`, raw-body's `type`). */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, expose: status < 500, type });
}
