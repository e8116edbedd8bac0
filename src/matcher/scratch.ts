/**
 * Typed arrays that re-ranking reuses from one query to the next instead of allocating: a typed array costs far
 * more to allocate than to fill, and a query needed a dozen (a fifth of `rank()`'s own time). Queries run one
 * at a time (no await inside ranking), so one set per thread is enough.
 */
export class Scratch {
  private readonly floats: Float64Array[] = [];
  private readonly ints: Int32Array[] = [];

  /** The Float64Array kept in `slot`, at least `length` long; its contents are whatever the last query left. */
  float64(slot: number, length: number): Float64Array {
    let array = this.floats[slot];
    if (array === undefined || array.length < length) this.floats[slot] = array = new Float64Array(grown(length));
    return array;
  }

  /** {@link float64} for an Int32Array. */
  int32(slot: number, length: number): Int32Array {
    let array = this.ints[slot];
    if (array === undefined || array.length < length) this.ints[slot] = array = new Int32Array(grown(length));
    return array;
  }

  /** {@link int32}, its first `length` elements zero. */
  zeroedInt32(slot: number, length: number): Int32Array {
    return this.int32(slot, length).fill(0, 0, length);
  }
}

/** Room for a longer query next time, without growing one element at a time. */
function grown(length: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, length))));
}
