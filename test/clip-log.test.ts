import { clipReporter } from '../src/clip-log';
import { createMetrics } from '../src/metrics';
import { captureLogger } from './harness';

describe('clipReporter', () => {
  it('counts every clip but logs each distinct field and length once', async () => {
    const captured = captureLogger();
    const metrics = createMetrics();
    const report = clipReporter(captured.log, metrics);
    for (let i = 0; i < 5; i++) report({ field: 'quickReply.label', limit: 14, actual: 20 });
    report({ field: 'quickReply.label', limit: 14, actual: 21 });
    report({ field: 'textCard.description', limit: 400, actual: 900 });
    expect(captured.lines.map((l) => (l.clip as { actual: number }).actual)).toEqual([20, 21, 900]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('kakao_faq_clipped_total{field="quickReply.label"} 6');
    expect(text).toContain('kakao_faq_clipped_total{field="textCard.description"} 1');
  });
});
