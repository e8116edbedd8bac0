import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { ROOT } from '../harness';

/**
 * No container engine runs in CI, so deploy/Dockerfile is checked structurally: its instructions are parsed
 * (comments dropped, continuation lines joined) and the properties the deployment relies on are asserted.
 */
interface Instruction { op: string; args: string }

function instructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

const DOCKERFILE = instructions(readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8'));

/** The instructions of each stage, by stage name. */
function stages(): Map<string, Instruction[]> {
  const out = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const ins of DOCKERFILE) {
    if (ins.op === 'FROM') {
      const name = /\sAS\s+(\S+)$/i.exec(ins.args)?.[1] ?? `stage${out.size}`;
      current = [ins];
      out.set(name, current);
    } else current?.push(ins);
  }
  return out;
}

const runtime = () => [...stages().values()].at(-1)!;
const ops = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op);

describe('deploy/Dockerfile (structural lint)', () => {
  it('is multi-stage: a build stage and a runtime stage, both on a pinned Node 20 image', () => {
    const all = stages();
    expect([...all.keys()]).toEqual(['build', 'runtime']);
    for (const stage of all.values()) {
      const image = stage[0]!.args.split(/\s+/)[0]!;
      expect(image).toMatch(/^node:20[\w.-]*$/);
      expect(image).not.toMatch(/:latest$/);
    }
  });

  it('compiles in the build stage and copies only the output into the runtime stage', () => {
    const build = stages().get('build')!;
    const buildRuns = ops(build, 'RUN').map((i) => i.args).join('\n');
    expect(buildRuns).toMatch(/npm ci/);
    expect(buildRuns).toMatch(/npm run build/);
    const copies = ops(runtime(), 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies.some((c) => /\bsrc\b/.test(c))).toBe(false);
  });

  it('installs only production dependencies in the runtime stage', () => {
    const runs = ops(runtime(), 'RUN').map((i) => i.args);
    expect(runs.some((r) => /npm ci\b.*--omit=dev/.test(r))).toBe(true);
  });

  it('runs as a non-root user, set before the command', () => {
    const stage = runtime();
    const user = ops(stage, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(stage.indexOf(user!)).toBeLessThan(stage.findIndex((i) => i.op === 'CMD'));
  });

  it('has a HEALTHCHECK on /healthz and exposes only the app port (metrics stay on loopback by default)', () => {
    const health = ops(runtime(), 'HEALTHCHECK');
    expect(health).toHaveLength(1);
    expect(health[0]!.args).toMatch(/CMD .*\/healthz/);
    expect(ops(runtime(), 'EXPOSE')[0]?.args.split(/\s+/)).toEqual(['8080']);
  });

  it('sets an environment the server starts with, without any secret (parsed by src/config.ts itself)', () => {
    const env = Object.fromEntries(
      ops(runtime(), 'ENV').flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split('=', 2) as [string, string])),
    );
    expect(env.METRICS_PORT).toBe('9464');
    const config = parseConfig(env, '/app');
    // an unauthenticated metrics listener only on the container's loopback
    expect(config.metricsHost).toBe('127.0.0.1');
    expect(config.metricsToken).toBeUndefined();
    // /app belongs to root and the root filesystem is read-only: the marker an operator touches lives in /tmp
    expect(config.faqReloadForceFile.startsWith('/tmp/')).toBe(true);
  });

  it('starts what `npm start` starts, with node as PID 1 (exec form, so SIGTERM reaches it)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const cmd = ops(runtime(), 'CMD').at(-1)!.args;
    expect(JSON.parse(cmd)).toEqual(pkg.scripts.start.split(' '));
  });

  it('contains the local embedding model server: Python, the pinned requirements, the venv built by npm ci', () => {
    const stage = runtime();
    const runs = ops(stage, 'RUN').map((i) => i.args);
    expect(runs.some((r) => /apt-get install .*python3 .*python3-venv/.test(r) && /rm -rf \/var\/lib\/apt\/lists/.test(r))).toBe(true);
    const copies = ops(stage, 'COPY').map((i) => i.args);
    expect(copies).toContain('scripts/install-model-server.cjs ./scripts/');
    expect(copies).toContain('semantic ./semantic');
    // the postinstall needs its script and requirements before npm ci, and the build fails if it could not install
    const npmCi = stage.findIndex((i) => i.op === 'RUN' && /npm ci\b.*--omit=dev/.test(i.args));
    expect(stage.findIndex((i) => i.op === 'COPY' && i.args === 'semantic ./semantic')).toBeLessThan(npmCi);
    expect(stage[npmCi]!.args).toMatch(/node scripts\/install-model-server\.cjs --require/);
    expect(stage.some((i) => /KAKAO_FAQ_SKIP_MODEL_INSTALL/.test(i.args))).toBe(false);
    // read-only root filesystem: Python must not try to write bytecode caches
    expect(ops(stage, 'ENV').some((i) => /PYTHONDONTWRITEBYTECODE=1/.test(i.args))).toBe(true);
  });

  it('builds without the model server (the build stage only compiles), and can still run its postinstall', () => {
    const build = stages().get('build')!;
    const npmCi = build.find((i) => i.op === 'RUN' && /npm ci/.test(i.args))!;
    expect(npmCi.args).toMatch(/KAKAO_FAQ_SKIP_MODEL_INSTALL=1 npm ci/);
    const copy = build.findIndex((i) => i.op === 'COPY' && i.args === 'scripts/install-model-server.cjs ./scripts/');
    expect(copy).toBeGreaterThan(-1);
    expect(copy).toBeLessThan(build.indexOf(npmCi));
  });

  it('keeps secrets and local clutter out of the build context', () => {
    const ignore = readFileSync(path.join(ROOT, 'deploy/Dockerfile.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', '**/node_modules', '.git', '.venv-embeddings']) expect(ignore).toContain(entry);
    expect(DOCKERFILE.some((i) => i.op === 'ADD' && /https?:/.test(i.args))).toBe(false);
    expect(DOCKERFILE.some((i) => i.op === 'ENV' && /SECRET|SALT|TOKEN/.test(i.args))).toBe(false);
  });
});
