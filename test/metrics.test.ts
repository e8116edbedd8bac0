import { AggregatorRegistry } from 'prom-client';
import { createMetrics, metrics, recordFeedback, recordReload, setFaqEntries } from '../src/metrics';

/** One sample line of the text exposition, e.g. `kakao_faq_entries{set="default"} 50`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('createMetrics', () => {
  it('counts skill calls and observes their latency by skill and outcome', async () => {
    const m = createMetrics();
    m.observeSkillCall({ skill: 'faq', outcome: 'answer', seconds: 0.003 });
    m.observeSkillCall({ skill: 'faq', outcome: 'answer', seconds: 0.2 });
    m.observeSkillCall({ skill: 'faq', outcome: 'fallback', seconds: 0.001 });
    const text = await m.registry.metrics();
    expect(sample(text, 'kakao_faq_skill_calls_total{skill="faq",outcome="answer"}')).toBe(2);
    expect(sample(text, 'kakao_faq_skill_calls_total{skill="faq",outcome="fallback"}')).toBe(1);
    expect(sample(text, 'kakao_faq_skill_duration_seconds_bucket{le="0.005",skill="faq",outcome="answer"}')).toBe(1);
    expect(sample(text, 'kakao_faq_skill_duration_seconds_bucket{le="0.25",skill="faq",outcome="answer"}')).toBe(2);
    expect(sample(text, 'kakao_faq_skill_duration_seconds_count{skill="faq",outcome="answer"}')).toBe(2);
  });

  it('reads lost log lines and ratings at each scrape, so losses from before the wiring count too', async () => {
    const m = createMetrics();
    const logDrops = new Map([['ENOSPC', 3]]);
    m.countLosses('log', () => logDrops);
    m.countLosses('feedback', () => new Map([['backlog_full', 2]]));
    m.countLosses('feedback', () => new Map([['backlog_full', 1], ['EIO', 4]]));
    let text = await m.registry.metrics();
    expect(sample(text, 'kakao_faq_log_lines_dropped_total{reason="ENOSPC"}')).toBe(3);
    expect(sample(text, 'kakao_faq_feedback_lost_total{reason="backlog_full"}')).toBe(3);
    expect(sample(text, 'kakao_faq_feedback_lost_total{reason="EIO"}')).toBe(4);

    logDrops.set('ENOSPC', 10).set('a reason no label may carry', 1);
    text = await m.registry.metrics();
    expect(sample(text, 'kakao_faq_log_lines_dropped_total{reason="ENOSPC"}')).toBe(10);
    expect(sample(text, 'kakao_faq_log_lines_dropped_total{reason="other"}')).toBe(1);
  });

  it('tracks FAQ entries per set, reloads, reload failures, feedback and rate limiting', async () => {
    const m = createMetrics();
    m.setFaqEntries('default', 50);
    m.setFaqEntries('shop', 7);
    m.setFaqEntries('default', 51);
    m.recordReload('default', true);
    m.recordReload('default', false);
    m.recordFeedback('up');
    m.recordFeedback('down');
    m.recordFeedback('down');
    m.recordRateLimited('user');
    const text = await m.registry.metrics();
    expect(sample(text, 'kakao_faq_entries{set="default"}')).toBe(51);
    expect(sample(text, 'kakao_faq_entries{set="shop"}')).toBe(7);
    expect(sample(text, 'kakao_faq_reloads_total{set="default"}')).toBe(2);
    expect(sample(text, 'kakao_faq_reload_failures_total{set="default"}')).toBe(1);
    expect(sample(text, 'kakao_faq_feedback_total{kind="down"}')).toBe(2);
    expect(sample(text, 'kakao_faq_rate_limited_total{scope="user"}')).toBe(1);
  });

  it('never uses arbitrary text as a label value', async () => {
    const m = createMetrics();
    m.observeSkillCall({ skill: 'faq', outcome: '환불 해주세요 "quoted"', seconds: 0.01 });
    const text = await m.registry.metrics();
    expect(sample(text, 'kakao_faq_skill_calls_total{skill="faq",outcome="other"}')).toBe(1);
    expect(text).not.toContain('환불');
  });

  it('aggregates across cluster workers by summing counters and taking the max of entry gauges', async () => {
    const a = createMetrics();
    const b = createMetrics();
    for (const m of [a, b]) {
      m.setFaqEntries('default', 50);
      m.observeSkillCall({ skill: 'faq', outcome: 'answer', seconds: 0.002 });
    }
    const merged = AggregatorRegistry.aggregate([await a.registry.getMetricsAsJSON(), await b.registry.getMetricsAsJSON()]);
    const text = await merged.metrics();
    expect(sample(text, 'kakao_faq_entries{set="default"}')).toBe(50);
    expect(sample(text, 'kakao_faq_skill_calls_total{skill="faq",outcome="answer"}')).toBe(2);
  });
});

describe('process-wide helpers', () => {
  it('record on the process metrics the server exposes', async () => {
    setFaqEntries('helpers-set', 3);
    recordReload('helpers-set', false);
    recordFeedback('handoff');
    const text = await metrics.registry.metrics();
    expect(sample(text, 'kakao_faq_entries{set="helpers-set"}')).toBe(3);
    expect(sample(text, 'kakao_faq_reload_failures_total{set="helpers-set"}')).toBe(1);
    expect(sample(text, 'kakao_faq_feedback_total{kind="handoff"}')).toBe(1);
  });
});
