/**
 * The worker thread of {@link readFaqFiles} (src/faq/read-files.ts): reads a set's FAQ and synonyms files,
 * parses and validates them, and hashes them, all off the server's event loop. It answers with one `head`
 * message (or `unchanged`, or `error`), then sends the entries one chunk per `next` request, so that the
 * server deserialises one small chunk per turn of its event loop, never the whole FAQ at once.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FaqDataError, parseFaqFile, readDataFile } from './load-faq';
import { parseSynonymsText } from './load-synonyms';
import { faqVersionOf, filesFingerprint } from './faq-version';
import type { ReadRequest, ThreadMessage } from './read-files';

const request = workerData as ReadRequest;
const port = parentPort!;
const send = (message: ThreadMessage) => port.postMessage(message);

async function read(): Promise<void> {
  const [faqText, synonymsText] = await Promise.all([
    readDataFile(request.faqFile, request.maxBytes),
    readDataFile(request.synonymsFile, request.maxBytes),
  ]);
  const fingerprint = filesFingerprint(faqText, synonymsText);
  if (fingerprint === request.unlessFingerprint) return send({ type: 'unchanged' });
  const faq = parseFaqFile(faqText, request.faqFile);
  const synonyms = parseSynonymsText(synonymsText, request.synonymsFile);
  const { entries } = faq;
  send({ type: 'head', fingerprint, version: faqVersionOf(entries, synonymsText), synonyms, entryCount: entries.length });
  let next = 0;
  port.on('message', () => {
    const chunk = entries.slice(next, next + request.chunkEntries);
    next += chunk.length;
    send({ type: 'entries', entries: chunk, last: next >= entries.length });
    if (next >= entries.length) port.close();
  });
}

read().catch((error: unknown) => {
  if (error instanceof FaqDataError) send({ type: 'error', file: error.file, problems: error.problems, kind: error.kind });
  else send({ type: 'error', problems: [error instanceof Error ? error.message : String(error)] });
  port.close();
});
