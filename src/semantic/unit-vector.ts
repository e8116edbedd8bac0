/**
 * `v` scaled to unit length (a copy), or undefined when it has no direction (zero, NaN or infinite length).
 * Cosine similarity over unit vectors is a plain dot product, so query vectors pass through here first.
 */
export function unitCopy(v: Float32Array): Float32Array | undefined {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return v.map((x) => x * scale);
}
