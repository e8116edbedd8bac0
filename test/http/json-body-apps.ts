import express from 'express';
import { inProcessApp, serveLocally } from '../harness';

/**
 * The two apps json-body.test.ts compares, served by a process of their own (spawnServer's `entry`): the skill
 * route reading bodies with src/http/json-body.ts, and with express.json as it did before. Not under jest, whose
 * module realm does not take node's own errors (zlib's) for `instanceof Error`, so body-parser answers them there
 * otherwise than in production. Prints one JSON line with both ports; serves until stopped.
 */
async function main(): Promise<void> {
  const env = { BODY_LIMIT: process.env.BODY_LIMIT ?? '4096' };
  const lean = await serveLocally(await inProcessApp({ env }));
  const expressJson = (limit: number) => express.json({ limit, strict: false });
  const bodyParser = await serveLocally(await inProcessApp({ env, readJsonBody: expressJson }));
  console.log(JSON.stringify({ level: 30, msg: 'json-body apps', lean: lean.port, bodyParser: bodyParser.port }));
}

void main();
