/**
 * Storage for results. V8 keeps typed arrays of at most 64 bytes on its heap and gives larger ones
 * an ArrayBuffer of their own, which costs about half a microsecond each, more than a whole 4×4
 * product (and ~2 µs on a busy host, whatever the size up to 8 KiB). Small results are therefore
 * carved out of shared 64 KiB slabs (like Node's Buffer pool): a view costs a few tens of
 * nanoseconds. Slab memory is never handed out twice, so every result starts zeroed; a slab is
 * freed when the last matrix viewing it is, so a matrix kept alive keeps at most one 64 KiB slab
 * alive. Consequence: the `.buffer` of a small matrix's `data` is the slab, so use `data` itself
 * (with its `byteOffset`), never `.buffer`.
 * Measured for 16 entries on Node 20: `new Float64Array(slab, offset, n)` ≈ 35 ns, `subarray` of a
 * slab-sized Float64Array ≈ 45–50 ns (so not that), and slabs of 16 KiB to 1 MiB are no faster
 * (1 MiB slabs slowed a 4×4 training step by ~15%: each is fresh memory). Taking arrays up to 1,024
 * entries from slabs (up to 256 before) made the eager 24×24 and 32×32 training steps 9–17% faster
 * (same process, alternating), and changes nothing below.
 */

const SLAB_BYTES = 1 << 16;
/** Arrays up to this many entries (8 KiB, a 32×32 matrix: eight to a slab) come from a slab. */
const MAX_SLAB_ENTRIES = 1024;
/** Arrays of up to 8 entries fit V8's on-heap typed arrays, which are fast already. */
const MAX_ON_HEAP_ENTRIES = 8;

let slab = new ArrayBuffer(SLAB_BYTES);
let offset = 0;

/** A zeroed Float64Array of length n. */
export function alloc(n: number): Float64Array {
  if (n <= MAX_ON_HEAP_ENTRIES || n > MAX_SLAB_ENTRIES) return new Float64Array(n);
  const bytes = n * 8;
  if (offset + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    offset = 0;
  }
  const out = new Float64Array(slab, offset, n);
  offset += bytes;
  return out;
}

/** A copy of `x` in fresh storage. */
export function copyOf(x: Float64Array): Float64Array {
  const out = alloc(x.length);
  out.set(x);
  return out;
}

/** A 1-entry array holding x (about a third cheaper than `Float64Array.of(x)` on Node 20). */
export function scalarData(x: number): Float64Array {
  const out = new Float64Array(1);
  out[0] = x;
  return out;
}
