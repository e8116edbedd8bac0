/**
 * One side of `kakao-faq bench --edge` (./edge-bench.ts), run as its own process: the edge built from the source
 * tree at argv[2] (this checkout, or a baseline extracted from git) through that tree's own test harness, one app
 * per row of argv[3], each served on 127.0.0.1, plus a port that answers this process's CPU use so far. Prints
 * one JSON line `{ "ports": {row: port}, "cpuPort": port }` and serves until its stdin closes.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface EdgeSideRow {
  name: string;
  /** `echo`: a bare Express echo; `floor`: a skill with a fixed reply (no matching); `faq`: the real skills. */
  kind: 'echo' | 'floor' | 'faq';
  env: Record<string, string>;
}

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
async function main(root: string, rows: EdgeSideRow[]): Promise<void> {
  const from = (file: string) => require(path.join(root, file));
  const harness = from('test/harness/index.ts');
  const { createSkillRegistry, defineSkill } = from('src/skill.ts');
  const { skillResponse, simpleText } = from('src/kakao/index.ts');
  const express = require('express');
  const pino = require('pino');
  // what the process logs in production: a real pino logger, its lines written (to /dev/null)
  const log = pino({ level: 'info', base: { service: 'kakao-faq-skill' } }, pino.destination({ dest: '/dev/null', sync: true }));
  const floor = createSkillRegistry([
    defineSkill({ name: 'faq', handle: () => skillResponse({ outputs: [simpleText('고정된 답입니다.')], data: { outcome: 'answer' } }) }),
  ]);
  const ports: Record<string, number> = {};
  for (const row of rows) {
    let app: any;
    if (row.kind === 'echo') {
      app = express();
      app.post('/skill/faq', express.json(), (req: any, res: any) => void res.json({ ok: typeof req.body === 'object' }));
    } else {
      app = await harness.inProcessApp({ log, env: row.env, ...(row.kind === 'floor' ? { skills: floor } : {}) });
    }
    ports[row.name] = (await harness.serveLocally(app)).port;
  }
  const cpu = http.createServer((_req, res) => res.end(JSON.stringify(process.cpuUsage()))).listen(0, '127.0.0.1');
  await new Promise((resolve) => cpu.once('listening', resolve));
  console.log(JSON.stringify({ ports, cpuPort: (cpu.address() as AddressInfo).port }));
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

void main(process.argv[2]!, JSON.parse(process.argv[3]!) as EdgeSideRow[]);
