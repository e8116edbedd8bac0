import type { Express } from 'express';
import request from 'supertest';
import { loadFixtures, PAYLOADS_DIR, type Fault, type LoadedFixture } from '../../src/cli/replay/fixture';
import { faultySkill } from '../../src/cli/replay/transport';
import { createSkillRegistry } from '../../src/skill';
import { inProcessApp } from '../harness';

/**
 * Every payload fixture (test/fixtures/payloads) sent through the in-process app exactly as Kakao would, and
 * what went on the wire: status, headers and the body as text. The edge tests compare these byte for byte
 * (response validation on and off; the replies recorded before the lean edge, wire-replies.json).
 */

export interface WireReply {
  readonly name: string;
  readonly status: number;
  /** Every response header but the ones that change from run to run (`date`, `connection`, `keep-alive`). */
  readonly headers: Record<string, string>;
  readonly body: string;
}

const VARYING_HEADERS = new Set(['date', 'connection', 'keep-alive']);

export function payloadFixtures(): LoadedFixture[] {
  return loadFixtures([PAYLOADS_DIR]).flatMap((l) => (l.ok ? [l.value] : []));
}

/** Replays every fixture; `env` configures the app (e.g. VALIDATE_RESPONSES). Sequential, so the feedback store sees one order. */
export async function wireReplies(env: Record<string, string> = {}): Promise<WireReply[]> {
  const apps = new Map<Fault | 'none', Promise<Express>>();
  const appFor = (fault: Fault | undefined): Promise<Express> => {
    const key = fault ?? 'none';
    let app = apps.get(key);
    if (!app) {
      app = fault
        ? inProcessApp({ skills: createSkillRegistry([faultySkill(fault)]), env: { ...env, SKILL_DEADLINE_MS: '200' } })
        : inProcessApp({ env });
      apps.set(key, app);
    }
    return app;
  };
  const replies: WireReply[] = [];
  for (const { name, fixture } of payloadFixtures()) {
    const res = await request(await appFor(fixture.fault))
      .post('/skill/faq')
      .set('content-type', 'application/json')
      .set('x-request-id', `fixture-${name.replace(/[^A-Za-z0-9._-]/g, '-')}`)
      .send(JSON.stringify(fixture.request));
    const headers = Object.fromEntries(
      Object.entries(res.headers as Record<string, string>)
        .filter(([key]) => !VARYING_HEADERS.has(key))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    replies.push({ name, status: res.status, headers, body: res.text });
  }
  return replies;
}
