/**
 * The in-process replay and fixture CLIs on another FAQ: `--faq FILE` and `--set NAME` (FAQ_SETS_FILE),
 * and the names `fixture new` gives cases. Each CLI runs as `npm run` runs it, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../harness';

/** No secret or proxy from the environment: the in-process server has no secret and sits on 127.0.0.1. */
const CLEAN_ENV = { SKILL_SECRET: '', HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', FAQ_SETS_FILE: '' };

function run(command: string, args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['bin/kakao-faq.cjs', command, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...CLEAN_ENV, ...env } });
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

describe('replay and fixture on another FAQ', () => {
  it('serves another FAQ file with --faq, or a configured set with --set, and `fixture new` drafts against it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'replay-faq-'));
    try {
      const shop = path.join(dir, 'shop.json');
      writeFileSync(shop, JSON.stringify({ schemaVersion: 1, entries: [{ id: 'shop-delivery', categories: ['쇼핑', '배송'], question: '배송은 얼마나 걸리나요?', answer: '보통 이틀 걸립니다.' }] }));
      writeFileSync(path.join(dir, 'sets.json'), JSON.stringify({ defaultSet: 'main', sets: { main: { faqFile: path.join(ROOT, 'data/faq.json') }, shop: { faqFile: 'shop.json' } } }));
      const fixture = path.join(dir, 'shop', 'delivery.json');
      const made = run('fixture', ['new', '배송은 얼마나 걸리나요?', '--faq', shop, '--dir', dir, '--flow', 'shop', '--name', 'delivery']);
      expect(made.code).toBe(0);
      expect(made.stdout).toContain('"faqId":"shop-delivery"');

      const onShop = run('replay', [fixture, '--faq', shop]);
      expect(onShop.stdout).toMatch(/delivery\s+PASS\s+200/);
      expect(onShop.code).toBe(0);
      const onSet = run('replay', [fixture, '--set', 'shop'], { FAQ_SETS_FILE: path.join(dir, 'sets.json') });
      expect(onSet.code).toBe(0);
      const onBundled = run('replay', [fixture]);
      expect(onBundled.code).toBe(1);
      const unknownSet = run('replay', [fixture, '--set', 'nope'], { FAQ_SETS_FILE: path.join(dir, 'sets.json') });
      expect(unknownSet.code).toBe(2);
      expect(unknownSet.stderr).toContain('unknown set "nope"; the configured sets are: main, shop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a new fixture after its utterance, the same name every time', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fixture-name-'));
    try {
      const first = run('fixture', ['new', '월렛 삭제', '--dir', dir, '--flow', 'smoke']);
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/wrote .*smoke\/wollet-sakje-[0-9a-f]{6}\.json/);
      const again = run('fixture', ['new', '월렛 삭제', '--dir', dir, '--flow', 'smoke']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/wollet-sakje-[0-9a-f]{6}\.json exists; pick another --name or pass --force/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

});
