/**
 * Run by call-shape.test.ts in a child node with --allow-natives-syntax: makes three skill calls through the
 * pipeline's two ends (startCall, runSkill) and prints whether the calls, and the contexts the skill got, share
 * one hidden class. Not a test file itself.
 */
import { staticFaqSets } from '../../src/faq/sets/set-selection';
import { runSkill } from '../../src/http/skill-pipeline/run-skill';
import { startCall } from '../../src/http/skill-pipeline/start-call';
import type { SkillCall } from '../../src/http/skill-pipeline/step';
import { SkillPayloadSchema, simpleText, skillResponse, toSkillRequest } from '../../src/kakao';
import { defineSkill } from '../../src/skill';
import { bundledFaq, captureLogger, kakaoPayload } from '../harness';

// V8's own test for "same hidden class"; only parses with --allow-natives-syntax
const haveSameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

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
  for (let i = 0; i < 3; i++) {
    const request = toSkillRequest(SkillPayloadSchema.parse(kakaoPayload(`질문 ${i}`)));
    const call = startCall(faqSets, { skill, request, requestId: `r${i}` }, captureLogger().log);
    calls.push(call);
    await run(call);
  }
  process.stdout.write(JSON.stringify({ calls: haveSameMap(calls[0]!, calls[2]!), contexts: haveSameMap(contexts[0]!, contexts[2]!) }));
}

void main();
