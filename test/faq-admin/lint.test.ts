import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FaqFileSchema, type FaqEntry, type FaqEntryInput } from '../../src/faq/faq-schema';
import { createFaqStore, type FaqStore } from '../../src/faq/faq-store';
import { checkLinks } from '../../src/faq-admin/lint/check-links';
import { lintEntries, lintFile } from '../../src/faq-admin/lint/lint-faq';
import type { LintFinding } from '../../src/faq-admin/lint/lint-finding';
import { findMatchCollisions } from '../../src/faq-admin/lint/match-collisions';
import { FAQ_FILE, SYNONYMS_FILE } from '../harness';

const entries = (list: FaqEntryInput[]): FaqEntry[] => FaqFileSchema.parse({ schemaVersion: 1, entries: list }).entries;
const rules = (findings: readonly LintFinding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.entryIds.join(',')}`);

describe('faq lint on the bundled data', () => {
  it('finds no errors, and warns about the platform variants and the two long questions', async () => {
    const report = await lintFile(FAQ_FILE, { synonymsFile: SYNONYMS_FILE });
    expect(report).toMatchObject({ entries: 50, errors: 0, warnings: 4 });
    expect(report.findings.map((f) => f.rule).sort()).toEqual(['question-too-long', 'question-too-long', 'same-question', 'same-question']);
    const variants = report.findings.find((f) => f.rule === 'same-question' && f.entryIds.length === 3)!;
    expect(variants.message).toContain('카카오톡 › 멀티프로필 › 안드로이드 | 카카오톡 › 멀티프로필 › iOS | 카카오톡 › 멀티프로필 › Windows');
  });
});

describe('faq lint rules', () => {
  const base: FaqEntryInput[] = [
    { id: 'wallet', categories: ['월렛'], question: '월렛이란 무엇인가요?', answer: '월렛은 결제 수단을 모아 두는 곳입니다.' },
    { id: 'cancel', categories: ['예약'], question: '예약을 취소하고 싶어요', answer: '예약 내역에서 취소합니다.' },
  ];

  it('passes clean entries without findings', () => {
    expect(lintEntries(entries(base))).toEqual([]);
  });

  it('reports the same question under the same path as an error, and under another path as a warning', () => {
    const findings = lintEntries(
      entries([
        ...base,
        { id: 'cancel-2', categories: ['예약'], question: '예약을 취소하고 싶어요!', answer: '다른 답변' },
        { id: 'cancel-ios', categories: ['예약', 'iOS'], question: '예약을  취소하고 싶어요', answer: '아이폰 답변' },
      ]),
    );
    expect(rules(findings)).toContain('error duplicate-question cancel,cancel-2');
    expect(rules(findings)).toContain('warning same-question cancel,cancel-2,cancel-ios');
    expect(findings.find((f) => f.rule === 'duplicate-question')!.similarity).toBe(1);
  });

  it('says what users who ask a question filed under several paths really get', () => {
    const findings = lintEntries(
      entries([
        ...base,
        { id: 'refund-ads', categories: ['광고', '결제'], question: '환불승인이 되었는데 확인되지 않아요', answer: '캐시 관리에서 확인합니다.' },
        { id: 'refund-shop', categories: ['이모티콘', '결제'], question: '환불승인이 되었는데 확인되지 않아요.', answer: '캐시 관리에서  확인합니다.' },
        { id: 'profile-ios', categories: ['카카오톡', 'iOS'], question: '프로필별 대화상대는 어떤 메뉴인가요?', answer: '아이폰에서는 설정에 있습니다.' },
        { id: 'profile-android', categories: ['카카오톡', '안드로이드'], question: '프로필별 대화상대는 어떤 메뉴인가요?', answer: '안드로이드에서는 더보기에 있습니다.' },
      ]),
    );
    const sameQuestion = (id: string) => findings.find((f) => f.rule === 'same-question' && f.entryIds.includes(id))!.message;
    // one text under two services: the matcher answers with the first, as the skill does
    expect(sameQuestion('refund-ads')).toContain('users get the answer under 광고 › 결제 directly, no which-one question (the answers are the same text');
    expect(sameQuestion('refund-ads')).not.toContain('users get a which-one question');
    // platform variants with different answers: the skill asks which one
    expect(sameQuestion('profile-ios')).toMatch(/users get a which-one question$/);
  });

  it('reports near duplicates with their similarity, judged on content stems', () => {
    const findings = lintEntries(
      entries([
        ...base,
        { id: 'refund-a', categories: ['결제'], question: '환불 계좌는 어떻게 등록 하나요?', answer: '설정에서 등록합니다.' },
        { id: 'refund-b', categories: ['결제'], question: '환불계좌 등록은 어떻게 해요', answer: '다른 답변입니다.' },
        { id: 'points-a', categories: ['포인트'], question: '채널추가 포인트는 무엇인가요?', answer: '채널을 추가하면 받는 포인트입니다.' },
        { id: 'points-b', categories: ['포인트'], question: '리뷰 포인트는 무엇인가요?', answer: '리뷰를 쓰면 받는 포인트입니다.' },
      ]),
    );
    const near = findings.filter((f) => f.rule === 'near-duplicate');
    expect(near).toEqual([
      expect.objectContaining({ severity: 'warning', entryIds: ['refund-a', 'refund-b'], similarity: 1, message: expect.stringContaining('100% alike') }),
    ]);
    // the two also tie in matching: asking either question gets a which-one question
    expect(rules(findings)).toEqual(expect.arrayContaining(['warning match-collision refund-a,refund-b', 'warning match-collision refund-b,refund-a']));
  });

  it('reports an alternate question that belongs to another entry as a matching collision', () => {
    const findings = lintEntries(
      entries([...base, { id: 'wallet-delete', categories: ['월렛'], question: '월렛 삭제', alternateQuestions: ['월렛이란 무엇인가요?'], answer: '삭제 방법.' }]),
    );
    const collisions = findings.filter((f) => f.rule === 'match-collision');
    expect(collisions.map((f) => f.entryIds)).toEqual([
      ['wallet', 'wallet-delete'],
      ['wallet-delete', 'wallet'],
    ]);
    expect(collisions[1]!.message).toContain('asking its alternate question "월렛이란 무엇인가요?" gets a which-one question');
  });

  it('reports an entry that its own question cannot reach as an error', () => {
    const findings = lintEntries(entries([...base, { id: 'vague', categories: ['기타'], question: '어떻게 하나요?', answer: '무엇을요?' }]));
    expect(rules(findings)).toEqual(['error unreachable vague']);
  });

  it('reports an entry whose question answers another entry as an error', () => {
    const [wallet, cancel] = entries(base);
    const store = createFaqStore({ schemaVersion: 1, entries: [wallet!, cancel!] });
    // a matcher that always prefers `cancel`, as a synonym or keyword mistake can make the real one do
    const skewed: FaqStore = { ...store, match: () => ({ outcome: 'answer', hits: [{ entry: cancel!, confidence: 0.9 }] }) };
    const findings = findMatchCollisions(skewed);
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', rule: 'match-collision', entryIds: ['wallet', 'cancel'], message: expect.stringContaining('asking its question answers cancel "예약을 취소하고 싶어요" (0.90) instead') }),
    ]);
  });

  it('warns when the answer is longer than the answer card shows, and when the title is cut', () => {
    const longAnswer = '예약 변경은 예약 내역에서 할 수 있습니다. '.repeat(20).trim();
    const longQuestion = '예약을 변경하고 싶은데 날짜와 시간과 인원과 옵션을 한 번에 모두 바꾸려면 어떻게 해야 하나요?';
    const findings = lintEntries(entries([...base, { id: 'long', categories: ['예약'], question: longQuestion, answer: longAnswer }]));
    const byRule = Object.fromEntries(findings.map((f) => [f.rule, f.message]));
    expect(byRule['answer-too-long']).toMatch(/the answer has 499 characters; the card shows 350 and the rest only on the answer page \(and the entry has no landingUrl of its own\)$/);
    expect(byRule['question-too-long']).toMatch(/the question has 53 characters; a card title shows 50$/);
  });

  it('warns about links a phone cannot open', () => {
    const findings = lintEntries(
      entries([
        ...base.slice(1),
        { ...base[0]!, landingUrl: 'http://localhost:8080/help', imageUrl: 'https://kakao/logo.png' },
        { id: 'lan', categories: ['기타'], question: '사내 위키 주소', answer: '위키 참고', landingUrl: 'http://192.168.0.10/wiki' },
      ]),
    );
    expect(findings.filter((f) => f.rule === 'broken-url').map((f) => f.message)).toEqual([
      'wallet "월렛이란 무엇인가요?": landingUrl http://localhost:8080/help points at a local machine',
      'wallet "월렛이란 무엇인가요?": imageUrl https://kakao/logo.png has no domain (host "kakao")',
      'lan "사내 위키 주소": landingUrl http://192.168.0.10/wiki points at a private address',
    ]);
  });
});

describe('faq lint on a file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'faq-lint-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports invalid entries with their location, duplicate ids, then checks the rest', async () => {
    const file = path.join(dir, 'faq.json');
    const list = [
      { id: 'ok', categories: ['서비스'], question: '좋은 질문인가요?', answer: '네.' },
      { id: 'ok', categories: ['서비스'], question: '아이디가 같은 질문', answer: '네.' },
      { id: 'deep', categories: ['1', '2', '3', '4', '5'], question: '깊은 질문', answer: '네.' },
      { id: 'empty-link', categories: ['서비스'], question: '빈 링크 질문', answer: '네.', landingUrl: '  ' },
      { id: 'bad-link', categories: ['서비스'], question: '나쁜 링크 질문', answer: '네.', landingUrl: 'cs.kakao.com/helps' },
    ];
    await writeFile(file, JSON.stringify({ schemaVersion: 1, entries: list }));
    const report = await lintFile(file);
    expect(report.errors).toBe(4);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.location ?? f.entryIds.join(',')])).toEqual([
      ['category-depth', 'entries[2] (id deep, question "깊은 질문")'],
      ['empty-url', 'entries[3] (id empty-link, question "빈 링크 질문")'],
      ['broken-url', 'entries[4] (id bad-link, question "나쁜 링크 질문")'],
      ['duplicate-id', 'ok,ok'],
    ]);
  });

  it('lints spreadsheets too, with rows as locations', async () => {
    const file = path.join(dir, 'faq.csv');
    await writeFile(file, '카테고리1,질문,답변\n서비스,좋은 질문인가요?,네\n서비스,,빈 질문\n');
    const report = await lintFile(file);
    expect(report.findings).toEqual([expect.objectContaining({ severity: 'error', rule: 'invalid-entry', location: 'line 3', message: '질문 is empty' })]);
  });
});

describe('checking links over the network', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http
      .createServer((req, res) => {
        if (req.url === '/gone') res.writeHead(404);
        else if (req.url === '/down') res.writeHead(503);
        else if (req.url === '/no-head' && req.method === 'HEAD') res.writeHead(405);
        else res.writeHead(200);
        res.end();
      })
      .listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('reports gone pages as errors and other failures as warnings, once per entry and field', async () => {
    const refused = await new Promise<string>((resolve) => {
      const probe = http.createServer().listen(0, '127.0.0.1', () => {
        const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/`;
        probe.close(() => resolve(url));
      });
    });
    const list = entries([
      { id: 'a', categories: ['x'], question: '가', answer: '가', landingUrl: `${base}/ok`, imageUrl: `${base}/gone` },
      { id: 'b', categories: ['x'], question: '나', answer: '나', landingUrl: `${base}/gone` },
      { id: 'c', categories: ['x'], question: '다', answer: '다', landingUrl: `${base}/down`, imageUrl: `${base}/no-head` },
      { id: 'd', categories: ['x'], question: '라', answer: '라', landingUrl: refused },
    ]);
    const findings = await checkLinks(list, { timeoutMs: 2000 });
    expect(findings.map((f) => `${f.severity} ${f.entryIds[0]} ${f.message.replace(base, '')}`).sort()).toEqual([
      'error a a "가": imageUrl /gone answers HTTP 404',
      'error b b "나": landingUrl /gone answers HTTP 404',
      'warning c c "다": landingUrl /down answers HTTP 503',
      `warning d d "라": landingUrl ${refused} does not answer (ECONNREFUSED)`,
    ]);
  });
});
