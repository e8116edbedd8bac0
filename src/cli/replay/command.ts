/**
 * Replays Kakao payload fixtures and checks what comes back.
 *
 *   npm run replay -- [path…] [--url https://host/skill/faq] [--secret …] [--secret-header name]
 *                     [--timeout ms] [--retries n] [--update] [--json] [--faq FILE [--synonyms FILE] | --set NAME]
 *
 * Paths are fixture files or directories (default: test/fixtures/payloads). Without --url the
 * server is built in-process (over data/faq.json, or --faq FILE, or the configured set --set NAME) and
 * served on an ephemeral 127.0.0.1 port. The secret defaults to
 * $SKILL_SECRET, its header to $SKILL_SECRET_HEADER (else x-skill-secret).
 * Exit code: 0 all passed, 1 a case failed or a fixture is invalid, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { loadFixtures, PAYLOADS_DIR } from './fixture';
import { jsonReport, textReport } from './report';
import { exitCodeFor, runReplay } from './runner';
import { replayFaqFiles } from './replay-faq';
import { httpTransport, localTransport, type HttpOptions, type Transport } from './transport';

const USAGE = `usage: npm run replay -- [path…] [--url URL] [--secret S] [--secret-header H] [--timeout ms] [--retries n] [--update] [--json]
                          [--faq FILE [--synonyms FILE] | --set NAME]   (in-process only)`;

class UsageError extends Error {
  override readonly name = 'UsageError';
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      secret: { type: 'string' },
      'secret-header': { type: 'string' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      update: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      faq: { type: 'string' },
      synonyms: { type: 'string' },
      set: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.url !== undefined && !/^https?:\/\/\S+$/.test(values.url)) throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);
  const http: HttpOptions = {
    secret: values.secret ?? (process.env['SKILL_SECRET'] || undefined),
    secretHeader: (values['secret-header'] ?? (process.env['SKILL_SECRET_HEADER'] || 'x-skill-secret')).toLowerCase(),
    timeoutMs: wholeNumber('timeout', values.timeout, 5000),
    retries: wholeNumber('retries', values.retries, 0),
  };

  let loads;
  try {
    loads = loadFixtures(positionals.length ? positionals : [PAYLOADS_DIR]);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (loads.length === 0) throw new UsageError(`no .json fixtures under ${positionals.join(', ') || PAYLOADS_DIR}`);

  const servesFaq = values.faq !== undefined || values.synonyms !== undefined || values.set !== undefined;
  if (values.url !== undefined && servesFaq) throw new UsageError('--faq, --synonyms and --set choose the in-process FAQ; a --url server serves its own');
  const faqFiles = await replayFaqFiles(values).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const transport: Transport = values.url ? httpTransport(values.url, http) : await localTransport({ ...http, ...faqFiles });
  try {
    const report = await runReplay(loads, transport, { update: values.update });
    console.log(values.json ? JSON.stringify(jsonReport(report), null, 2) : textReport(report));
    return exitCodeFor(report);
  } finally {
    await transport.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error);
    process.exitCode = 1;
  },
);
