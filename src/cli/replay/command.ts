/**
 * `kakao-faq replay`: replays Kakao payload fixtures and checks what comes back.
 *
 *   npm run replay -- [path…] [--url https://host/skill/faq] [--secret …] [--secret-header name]
 *                     [--timeout ms] [--retries n] [--update] [--json] [--faq FILE [--synonyms FILE] | --set NAME]
 *
 * Paths are fixture files or directories (default: test/fixtures/payloads). Without --url the
 * server is built in-process (over data/faq.json, or --faq FILE, or the configured set --set NAME) and
 * served on an ephemeral 127.0.0.1 port. The secret defaults to
 * $SKILL_SECRET, its header to $SKILL_SECRET_HEADER (else the server's default), read as they are (no .env).
 * Exit code: 0 all passed, 1 a case failed or a fixture is invalid, 2 bad usage.
 */
import { sentSecretFromEnvironment } from '../../config';
import { integerOption, parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { loadFixtures, PAYLOADS_DIR } from './fixture';
import { jsonReport, textReport } from './report';
import { exitCodeFor, runReplay } from './runner';
import { replayFaqFiles } from './replay-faq';
import { httpTransport, localTransport, type HttpOptions, type Transport } from './transport';

const USAGE = `usage: kakao-faq replay [path…] [--url URL] [--secret S] [--secret-header H] [--timeout ms] [--retries n] [--update] [--json]
                        [--faq FILE [--synonyms FILE] | --set NAME]   (in-process only)
       (npm run replay -- …)

  Replays payload fixtures (files or folders; default ${PAYLOADS_DIR}) and checks each reply against the
  fixture's expectations. Without --url the app is built in-process (over data/faq.json, --faq FILE or the
  configured set --set NAME) on an ephemeral 127.0.0.1 port. The secret defaults to $SKILL_SECRET, its header
  to $SKILL_SECRET_HEADER. --timeout is per attempt (default 5000 ms); --retries retries timeouts and 502-504;
  --update accepts the current responses as the snapshots; --json prints machine-readable results.
  Exit code 1 when a case failed or a fixture is invalid.`;

async function replay(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
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
    },
  });
  if (values.url !== undefined && !/^https?:\/\/\S+$/.test(values.url)) throw new UsageError(`--url must be an http(s) URL, got "${values.url}"`);
  const sent = sentSecretFromEnvironment();
  const http: HttpOptions = {
    secret: values.secret ?? sent.SKILL_SECRET,
    secretHeader: (values['secret-header'] ?? sent.SKILL_SECRET_HEADER).toLowerCase(),
    timeoutMs: values.timeout === undefined ? 5000 : integerOption('timeout', values.timeout, 0),
    retries: values.retries === undefined ? 0 : integerOption('retries', values.retries, 0),
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

export const replayCommand: CliCommand = { name: 'replay', usage: USAGE, run: replay };
