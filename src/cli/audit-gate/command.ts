/**
 * `kakao-faq audit`: CI's dependency audit, `npm audit --omit=dev --audit-level=high`, judged by
 * src/cli/audit-gate/audit-gate.ts. Exits 1 on high or critical advisories in production dependencies (or
 * unreadable output); exits 0 with a loud warning when the advisory endpoint cannot be reached, because that
 * says nothing about the code.
 */
import { spawnSync } from 'node:child_process';
import { parseCommandArgs, type CliCommand } from '../command-line';
import { judgeAudit } from './audit-gate';

const USAGE = `usage: kakao-faq audit

  Runs \`npm audit --omit=dev --audit-level=high\` (CI runs it before the tests). Exit code 1 on a high or
  critical advisory in a production dependency, or on output it cannot read; 0 with a loud warning when npm
  cannot reach the advisory endpoint at all (see docs/reliability.md).`;

async function audit(args: string[]): Promise<number> {
  parseCommandArgs({ args, options: {} });
  const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { verdict, message } = judgeAudit(run.stdout ?? '');
  if (verdict === 'unreachable') {
    const bar = '!'.repeat(78);
    console.warn(`${bar}\n!! WARNING: npm audit did NOT run: ${message}\n!! Production dependencies were NOT checked for advisories in this run.\n${bar}`);
  } else {
    console.log(`npm audit: ${verdict === 'pass' ? 'ok' : 'FAILED'}: ${message}`);
  }
  return verdict === 'fail' ? 1 : 0;
}

export const auditCommand: CliCommand = { name: 'audit', usage: USAGE, run: audit };
