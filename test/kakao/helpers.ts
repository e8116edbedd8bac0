import { z } from 'zod';
import { KakaoLimitError, SkillResponseSchema, type ClipEvent, type Output, type SkillResponse } from '../../src/kakao';

/** Wraps one component in the smallest valid SkillResponse, without going through the builders. */
export function asResponse(...outputs: Output[]): SkillResponse {
  return { version: '2.0', template: { outputs } };
}

/** Fails with zod's readable message unless `value` is a valid SkillResponse. */
export function expectValid(value: unknown): void {
  const result = SkillResponseSchema.safeParse(value);
  if (!result.success) throw new Error(`not a valid SkillResponse:\n${z.prettifyError(result.error)}`);
}

/** The readable error text when `value` is rejected (fails if it is accepted). */
export function rejection(value: unknown): string {
  const result = SkillResponseSchema.safeParse(value);
  if (result.success) throw new Error(`expected a rejection, but it was accepted: ${JSON.stringify(value).slice(0, 300)}`);
  return z.prettifyError(result.error);
}

/** Runs `build` and returns the KakaoLimitError it throws (fails if it throws nothing or something else). */
export function limitError(build: () => unknown): KakaoLimitError {
  try {
    build();
  } catch (error) {
    if (error instanceof KakaoLimitError) return error;
    throw error;
  }
  throw new Error('expected a KakaoLimitError, but nothing was thrown');
}

/** A clip reporter that records events, for `{ onClip }`. */
export function recorder(): { events: ClipEvent[]; onClip: (event: ClipEvent) => void } {
  const events: ClipEvent[] = [];
  return { events, onClip: (event) => events.push(event) };
}

export const IMAGE = 'https://img.example.com/a.png';
