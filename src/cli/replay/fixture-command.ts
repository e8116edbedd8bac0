/**
 * `kakao-faq fixture`: writes payload fixtures for `kakao-faq replay`.
 *
 *   npm run fixture -- new "<utterance>" [--extra '{"faqId":"…"}'] [--bot id[:name]] [--block name]
 *                      [--trigger TYPE] [--surface BuilderBotTest] [--flow name] [--name case]
 *   npm run fixture -- --from-log <file|-> [--flow name] [--name case] [--keep-ids]
 *
 * common: [--snapshot] [--url URL --secret S | --faq FILE [--synonyms FILE] | --set NAME] [--dir test/fixtures/payloads]
 *         [--force] [--stdout]
 *
 * The request is replayed once (in-process unless --url) to fill `expect` with the outcome, the
 * answered entry and the output types. Review it before committing: it records what the server
 * does today, which is not always what it should do.
 */
import { readFileSync } from 'node:fs';
import { sentSecretFromEnvironment } from '../../config';
import { parseCommandArgs, UsageError, type CliCommand } from '../command-line';
import { PAYLOADS_DIR } from './fixture';
import {
  anonymizeRequest,
  defaultCaseName,
  defaultFlow,
  draftFixture,
  newRequest,
  requestsFromLog,
  utteranceOf,
  writeFixture,
  type FixtureDraft,
} from './new-fixture';
import { replayFaqFiles } from './replay-faq';
import { httpTransport, localTransport, type Transport } from './transport';

const USAGE = `usage: kakao-faq fixture new "<utterance>" [--extra JSON] [--bot id[:name]] [--block name] [--trigger TYPE] [--surface S]
                             [--flow name] [--name case]
       kakao-faq fixture --from-log <file|-> [--flow name] [--name case] [--keep-ids]
       common options: [--snapshot] [--url URL] [--secret S] [--secret-header H] [--faq FILE] [--synonyms FILE] [--set NAME]
                       [--dir DIR] [--force] [--stdout] [--description TEXT]
       (npm run fixture -- …)

  Replays the request once (in-process unless --url) and writes a fixture whose "expect" records the outcome,
  the answered entry and the output types, under --dir (default ${PAYLOADS_DIR})/<flow>/<name>.json.
  Review it before committing: it records what the server does today. --snapshot also stores the whole
  response; --stdout prints the draft instead of writing it; --keep-ids keeps a logged request's user ids.`;

function parseExtra(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--extra is not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError('--extra must be a JSON object, e.g. \'{"faqId":"faq-…"}\'');
  return value as Record<string, unknown>;
}

async function fixture(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args,
    allowPositionals: true,
    options: {
      extra: { type: 'string' },
      bot: { type: 'string' },
      block: { type: 'string' },
      trigger: { type: 'string' },
      surface: { type: 'string' },
      flow: { type: 'string' },
      name: { type: 'string' },
      description: { type: 'string' },
      'from-log': { type: 'string' },
      'keep-ids': { type: 'boolean', default: false },
      snapshot: { type: 'boolean', default: false },
      url: { type: 'string' },
      secret: { type: 'string' },
      'secret-header': { type: 'string' },
      dir: { type: 'string', default: PAYLOADS_DIR },
      force: { type: 'boolean', default: false },
      stdout: { type: 'boolean', default: false },
      faq: { type: 'string' },
      synonyms: { type: 'string' },
      set: { type: 'string' },
    },
  });

  const cases: { request: Record<string, unknown>; description: string; utterance: string }[] = [];
  if (values['from-log'] !== undefined) {
    const source = values['from-log'];
    const { requests, skipped } = requestsFromLog(readFileSync(source === '-' ? 0 : source, 'utf8'));
    for (const s of skipped) console.error(`line ${s.line}: skipped (${s.reason})`);
    if (requests.length === 0) throw new UsageError(`no logged request found in ${source === '-' ? 'stdin' : source}`);
    for (const { line, request: logged } of requests) {
      const { request, replaced } = values['keep-ids'] ? { request: logged, replaced: [] } : anonymizeRequest(logged);
      if (replaced.length) console.error(`line ${line}: replaced ${replaced.join(', ')} with made-up values (--keep-ids keeps them)`);
      const utterance = utteranceOf(request);
      cases.push({ request, utterance, description: values.description ?? `From a logged request (line ${line}): ${JSON.stringify(utterance)}` });
    }
  } else {
    const [command, utterance, ...rest] = positionals;
    if (command !== 'new' || utterance === undefined || rest.length > 0) throw new UsageError('expected: new "<utterance>" (or --from-log <file>)');
    const clientExtra = parseExtra(values.extra);
    const request = newRequest(utterance, {
      ...(clientExtra ? { clientExtra } : {}),
      ...(values.bot ? { bot: values.bot } : {}),
      ...(values.block ? { blockName: values.block } : {}),
      ...(values.trigger ? { triggerType: values.trigger } : {}),
      ...(values.surface ? { surface: values.surface } : {}),
    });
    const how = clientExtra ? `A button sending ${JSON.stringify(utterance)} with extra ${JSON.stringify(clientExtra)}` : `Typed ${JSON.stringify(utterance)}`;
    cases.push({ request, utterance, description: values.description ?? how });
  }

  const sent = sentSecretFromEnvironment();
  const secret = values.secret ?? sent.SKILL_SECRET;
  const secretHeader = (values['secret-header'] ?? sent.SKILL_SECRET_HEADER).toLowerCase();
  const faqFiles = await replayFaqFiles(values).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const transport: Transport = values.url ? httpTransport(values.url, { secret, secretHeader }) : await localTransport({ secret, secretHeader, ...faqFiles });
  try {
    for (const [i, c] of cases.entries()) {
      const draft: FixtureDraft = draftFixture(c.description, c.request, await transport.send(c.request), { snapshot: values.snapshot });
      if (values.stdout) {
        console.log(JSON.stringify(draft, null, 2));
        continue;
      }
      const name = values.name ? (cases.length > 1 ? `${values.name}-${i + 1}` : values.name) : defaultCaseName(c.utterance, c.request);
      const file = writeFixture(values.dir, values.flow ?? defaultFlow(draft), name, draft, { force: values.force });
      console.log(`wrote ${file}\n  expect ${JSON.stringify(draft.expect)}\n  review expect (add cardTitle, quickReplies, textContains as needed), then: npm run replay -- ${file}`);
    }
  } finally {
    await transport.close();
  }
  return 0;
}

export const fixtureCommand: CliCommand = { name: 'fixture', usage: USAGE, run: fixture };
