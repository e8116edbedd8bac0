/**
 * A small L2-regularised logistic regression, fitted by full-batch gradient descent: enough for the fusion's
 * two models (six features, a few thousand rows) with no dependency. Feature 0 is the intercept (not
 * regularised).
 */
export interface LogisticOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly number[], options: LogisticOptions = {}): number[] {
  const { l2 = 1e-2, iterations = 3000, learningRate = 0.5 } = options;
  const width = rows[0]?.length ?? 0;
  const weights = new Array<number>(width).fill(0);
  const gradient = new Array<number>(width).fill(0);
  const n = rows.length;
  if (n === 0) return weights;
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    for (let r = 0; r < n; r++) {
      const x = rows[r]!;
      let z = 0;
      for (let j = 0; j < width; j++) z += weights[j]! * x[j]!;
      const error = 1 / (1 + Math.exp(-z)) - labels[r]!;
      for (let j = 0; j < width; j++) gradient[j]! += error * x[j]!;
    }
    for (let j = 0; j < width; j++) {
      const penalty = j === 0 ? 0 : l2 * weights[j]!;
      weights[j]! -= learningRate * (gradient[j]! / n + penalty);
    }
  }
  return weights.map((w) => Math.round(w * 10_000) / 10_000);
}
