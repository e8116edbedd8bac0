import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FaqDataError, loadFaqFile, parseFaqFile } from '../../src/faq/load-faq';
import { loadFaqStore } from '../../src/faq/faq-store';
import { FAQ_FILE, SYNONYMS_FILE } from '../harness';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'faq-1',
  categories: ['서비스', '분류'],
  question: '질문인가요?',
  answer: '답변입니다.',
  ...over,
});

function problemsOf(text: string): string[] {
  try {
    parseFaqFile(text, 'faq.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FaqDataError);
    return [...(error as FaqDataError).problems];
  }
  throw new Error('expected FaqDataError');
}

describe('loading a FAQ data file', () => {
  it('loads the bundled file', async () => {
    const faq = await loadFaqFile(FAQ_FILE);
    expect(faq.entries).toHaveLength(50);
  });

  it('names the entry and the field of a blank answer', () => {
    const text = JSON.stringify({ schemaVersion: 1, entries: [entry(), entry({ id: 'faq-2', answer: '   ' })] });
    expect(problemsOf(text)).toEqual(['entries[1] (id faq-2, question "질문인가요?") field answer: must not be blank']);
  });

  it('names categories deeper than four levels, a bad URL and an unsafe id', () => {
    const text = JSON.stringify({
      schemaVersion: 1,
      entries: [
        entry({ categories: ['a', 'b', 'c', 'd', 'e'] }),
        entry({ id: 'faq-2', landingUrl: 'javascript:alert(1)' }),
        entry({ id: '../etc/passwd' }),
      ],
    });
    const problems = problemsOf(text);
    expect(problems[0]).toMatch(/^entries\[0\] \(id faq-1.*\) field categories: /);
    expect(problems[1]).toMatch(/^entries\[1\] .* field landingUrl: must be an http\(s\) URL/);
    expect(problems[2]).toMatch(/^entries\[2\] \(id \.\.\/etc\/passwd.*field id: must be 1-64 characters/);
  });

  it('rejects duplicate ids, naming both entries', () => {
    const text = JSON.stringify({ schemaVersion: 1, entries: [entry(), entry()] });
    expect(problemsOf(text)).toEqual([
      'entries[1] (id faq-1, question "질문인가요?") field id: duplicate id "faq-1" (first used by entries[0])',
    ]);
  });

  it('rejects text that is not JSON, and a missing schemaVersion', () => {
    expect(problemsOf('{"schemaVersion": 1, "entries": [')[0]).toMatch(/^not valid JSON/);
    expect(problemsOf('{"entries": []}')[0]).toMatch(/^schemaVersion: /);
  });

  it('reports a missing file by name', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-faq.json');
    await expect(loadFaqFile(missing)).rejects.toThrow(`FAQ data file ${missing} is not usable`);
  });

  it('fails to build a store when the synonyms file is broken, naming that file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faq-'));
    const synonymsFile = path.join(dir, 'synonyms.json');
    await writeFile(synonymsFile, '{"groups": "환불"}');
    await expect(loadFaqStore({ faqFile: FAQ_FILE, synonymsFile })).rejects.toThrow(synonymsFile);
    await expect(loadFaqStore({ faqFile: FAQ_FILE, synonymsFile: SYNONYMS_FILE })).resolves.toHaveProperty('size', 50);
  });
});
