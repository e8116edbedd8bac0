import { readFileSync } from 'node:fs';
import path from 'node:path';
import { judgeAudit } from '../../src/cli/audit-gate/audit-gate';
import { ROOT } from '../harness';

/** The CI audit gate: fails on real advisories, warns (without failing) only when npm cannot reach the advisory API. */

const report = (counts: Record<string, number>, vulnerable: Record<string, string> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerable).map(([name, severity]) => [name, { name, severity, isDirect: true, via: [], effects: [], range: '<9', nodes: [`node_modules/${name}`], fixAvailable: true }]),
    ),
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...counts },
      dependencies: { prod: 70, dev: 400, optional: 0, peer: 0, peerOptional: 0, total: 470 },
    },
  });

describe('judgeAudit', () => {
  it('fails on a high or a critical advisory, naming the package', () => {
    expect(judgeAudit(report({ high: 1, total: 1 }, { express: 'high' }))).toEqual({
      verdict: 'fail',
      message: '1 high or critical advisories in production dependencies: express (high)',
    });
    expect(judgeAudit(report({ critical: 2, total: 2 }, { a: 'critical', b: 'critical' })).verdict).toBe('fail');
  });

  it('passes when only low or moderate advisories exist', () => {
    expect(judgeAudit(report({ low: 2, moderate: 1, total: 3 }, { a: 'low', b: 'moderate' })).verdict).toBe('pass');
    expect(judgeAudit(report({})).verdict).toBe('pass');
  });

  it('reports an unreachable endpoint (the 405 this machine gets) as unreachable, not as a pass', () => {
    const endpoint405 = JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
      method: 'POST',
      statusCode: 405,
      body: '',
      error: { summary: '', detail: '' },
    });
    expect(judgeAudit(endpoint405)).toMatchObject({ verdict: 'unreachable', message: expect.stringContaining('405 Method Not Allowed') });
    expect(judgeAudit(JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'getaddrinfo ENOTFOUND', detail: '' } })).verdict).toBe('unreachable');
  });

  it('fails on output it cannot read, rather than letting it pass', () => {
    expect(judgeAudit('').verdict).toBe('fail');
    expect(judgeAudit('npm ERR! something').verdict).toBe('fail');
    expect(judgeAudit('{"unexpected":true}').verdict).toBe('fail');
  });
});

it('CI runs the audit gate before the tests', () => {
  const ci = readFileSync(path.join(ROOT, '.ci/run'), 'utf8');
  const audit = ci.indexOf('bin/kakao-faq.cjs audit');
  expect(audit).toBeGreaterThan(ci.indexOf('npm ci'));
  expect(audit).toBeLessThan(ci.indexOf('npm test'));
});
