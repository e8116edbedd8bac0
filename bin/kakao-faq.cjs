#!/usr/bin/env node
'use strict';
/**
 * `kakao-faq <command> [--help]` (package.json "bin"): runs src/cli/main.ts through tsx (a dev dependency;
 * the command line is not part of the production build). In a checkout: `npx kakao-faq …`,
 * `npm run kakao-faq -- …`, or this file directly.
 */
const path = require('node:path');

const args = process.argv.slice(2);

// `bench` reads heap figures after a full collection, which needs node's --expose-gc: a flag only a new
// node process can be started with.
if (args[0] === 'bench' && typeof globalThis.gc !== 'function') {
  const { spawnSync } = require('node:child_process');
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...args], { stdio: 'inherit' });
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

// TypeScript through tsx's require() hook: the project is CommonJS.
require('tsx/cjs/api').register();
require(path.join(__dirname, '..', 'src', 'cli', 'main.ts')).main(args);
