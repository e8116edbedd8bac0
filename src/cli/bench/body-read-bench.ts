/**
 * The body-read row of `kakao-faq bench --edge` (./edge-bench.ts): CPU µs per skill call body read by the skill
 * route's reader (src/http/json-body.ts) against the express.json it replaced, in-process, no HTTP. Each call
 * reads a fresh stream carrying a whole Kakao payload with the request's headers, as the router hands them over.
 */
import { Readable } from 'node:stream';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { jsonBody } from '../../http/json-body';
import { fullKakaoPayload } from '../../../test/harness';
import { cpuPerAsyncRun } from './cpu-per-run';

const LIMIT = 64 * 1024;

/** [label, µs with express.json, µs with json-body]. */
export async function bodyReadRow(n = 20_000): Promise<[string, number, number]> {
  const body = Buffer.from(JSON.stringify(fullKakaoPayload('환불 계좌는 어떻게 등록하나요?')));
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) };
  const expressJson = await cpuPerCall(n, express.json({ limit: LIMIT, strict: false }), body, headers);
  const lean = await cpuPerCall(n, jsonBody(LIMIT), body, headers);
  return ['body read: express.json vs json-body', expressJson, lean];
}

/** CPU µs per body read by `reader`, over `n` reads after a warm-up; every read must parse. */
async function cpuPerCall(n: number, reader: RequestHandler, body: Buffer, headers: Record<string, string>): Promise<number> {
  const readOnce = () =>
    new Promise<void>((resolve, reject) => {
      const req = Object.assign(new Readable({ read() {} }), { headers }) as unknown as Request;
      req.push(body);
      req.push(null);
      void reader(req, {} as Response, (error?: unknown) => {
        if (error !== undefined || typeof req.body !== 'object') reject(new Error(`body read failed: ${String(error)}`));
        else resolve();
      });
    });
  return cpuPerAsyncRun(n, readOnce);
}
