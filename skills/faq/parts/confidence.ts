/** A confidence as replies put it in `data`: three decimals are enough for block templates and QA. */
export function roundConfidence(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
