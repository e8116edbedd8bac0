/**
 * Run by call-shape.test.ts in a child node with --allow-natives-syntax: makes three skill calls through the
 * pipeline's two ends (startCall, runSkill) and one as reply warming makes it (callOn), and prints whether the
 * calls, and the contexts the skill got, share one hidden class, and whether it is a fast one (dictionary-mode
 * objects all share a map, so "the same map" alone proves nothing for them). Not a test file itself.
 */
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import { runSkill } from '../../src/http/skill-pipeline/run-skill';
import { callOn, startCall } from '../../src/http/skill-pipeline/start-call';
import type { SkillCall } from '../../src/http/skill-pipeline/step';
import { SkillPayloadSchema, simpleText, skillResponse, toSkillRequest } from '../../src/kakao';
import { defineSkill } from '../../src/skill';
import { bundledFaq, captureLogger, kakaoPayload } from '../harness';

// V8's own tests for "same hidden class" and "not in dictionary mode"; they only parse with --allow-natives-syntax
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;
const hasFastProperties = new Function('a', 'return %HasFastProperties(a)') as (a: object) => boolean;

async function main(): Promise<void> {
  const faqSets = staticFaqSets(await bundledFaq());
  const contexts: object[] = [];
  const skill = defineSkill({
    name: 'shape',
    handle: (_request, context) => {
      contexts.push(context);
      void context.log; // made on first use, by a getter
      return skillResponse({ outputs: [simpleText('ok')] });
    },
  });
  const run = runSkill({ answerUrl: (faqId) => `https://example.test/${faqId}`, services: { onClip: () => {} } });
  const calls: SkillCall[] = [];
  for (let i = 0; i < 4; i++) {
    const request = toSkillRequest(SkillPayloadSchema.parse(kakaoPayload(`질문 ${i}`)));
    const start = { skill, request, requestId: `r${i}` };
    const call = i < 3 ? startCall(faqSets, start, captureLogger().log) : callOn(faqSets.current('default')!, start, captureLogger().log);
    calls.push(call);
    await run(call);
  }
  const sameAndFast = (objects: readonly object[]) => objects.every((o) => haveSameMap(objects[0]!, o) && hasFastProperties(o));
  process.stdout.write(JSON.stringify({ calls: sameAndFast(calls), contexts: sameAndFast(contexts) }));
}

void main();
