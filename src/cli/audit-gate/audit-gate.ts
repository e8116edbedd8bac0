/**
 * Reads the output of `npm audit --omit=dev --audit-level=high --json` and decides what CI does:
 * fail on any high or critical advisory in production dependencies; pass on none; and, when the advisory
 * endpoint itself could not be reached (some networks, this project's own machines among them, answer
 * "405 Method Not Allowed" for the bulk advisory API), neither fail nor pretend: warn loudly.
 */

export interface AuditVerdict {
  verdict: 'pass' | 'fail' | 'unreachable';
  message: string;
}

interface AuditReport {
  auditReportVersion?: number;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>;
}

interface AuditFailure {
  statusCode?: number;
  code?: string;
  message?: string;
  error?: unknown;
}

export function judgeAudit(stdout: string): AuditVerdict {
  let json: AuditReport & AuditFailure;
  try {
    json = JSON.parse(stdout) as AuditReport & AuditFailure;
  } catch {
    return { verdict: 'fail', message: `could not read npm audit's output as JSON: ${stdout.slice(0, 300)}` };
  }
  if (json.auditReportVersion !== undefined && json.metadata?.vulnerabilities) {
    const counts = json.metadata.vulnerabilities;
    const serious = (counts.high ?? 0) + (counts.critical ?? 0);
    if (serious === 0) return { verdict: 'pass', message: `no high or critical advisories in production dependencies (${counts.total ?? 0} lower)` };
    const names = Object.entries(json.vulnerabilities ?? {})
      .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
      .map(([name, v]) => `${name} (${v.severity})`);
    return { verdict: 'fail', message: `${serious} high or critical advisories in production dependencies: ${names.join(', ')}` };
  }
  if (json.statusCode !== undefined || json.code !== undefined || json.error !== undefined) {
    const why = json.message ?? json.code ?? `HTTP ${json.statusCode}`;
    return { verdict: 'unreachable', message: `the npm advisory endpoint could not be used: ${why}` };
  }
  return { verdict: 'fail', message: `npm audit's output is neither a report nor an endpoint error: ${stdout.slice(0, 300)}` };
}
