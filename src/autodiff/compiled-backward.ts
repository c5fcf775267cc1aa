/**
 * The backward pass of an eager reverse-mode call, compiled once its tape has been seen before.
 *
 * The forward pass is the user's code and runs eagerly, with real values. What is left, the vjp
 * rules over the tape, is pure: given the tape's structure (primitives, parameters, shapes, which
 * value feeds which step) it is the same computation on every call of a training loop, only on
 * new values. So it is traced once as a jit program whose inputs are the output cotangent and the
 * tape's values, compiled (element-wise chains fused, intermediates sharing storage:
 * src/jit/program.ts, src/jit/fuse.ts) and cached under that structure. The programs' intermediates
 * come from scratch arrays they all share (src/core/scratch.ts), warm from the previous call. The backward of
 * ½‖Y − tanh(Z)‖², scale → scale → tanhGrad → row sums, then makes one pass over memory instead of
 * four that each allocate. Results are bit-for-bit those of running the rules one by one: fusion
 * keeps the kernels' operations and their order.
 *
 * When it applies: every value plain (no outer differentiation or jit: those run the rules as
 * before), and at least two element-wise steps of `MIN_FUSED_ENTRIES` entries, the sizes where a
 * pass over memory costs more than looking the tape up. A structure is compiled when a second
 * recording shows it (the next call of a training loop), so a one-off gradient, or a one-off
 * Jacobian's passes over one recording, never pays for compiling (a few hundred microseconds).
 */
import { BY_SCALAR, ELEMENTWISE, liveBox, type AnyMatrix, type Primitive } from "../core/primitive";
import { traceMatrices } from "../jit/jit";
import { compileProgram, type CompiledProgram } from "../jit/program";
import { treeKey } from "../jit/tree";

/**
 * Element-wise steps this large (64×64 and up) make a backward pass worth compiling. Measured on
 * the training step (tanh layer, ½‖Y − ·‖²): at 64×64 the compiled pass saves ~9%, at 32×32 the
 * lookup and the program's own overhead cost ~7% more than they save.
 */
export const MIN_FUSED_ENTRIES = 4096;
/** Compiled backward passes kept; the least recently used goes first. */
const MAX_CACHED = 64;
/**
 * A program holds the constants its rules made while tracing (a 1×1 factor, usually). One whose
 * constants exceed this many entries (pow(x, 0)'s zeros of x's shape) is not cached, so that the
 * cache never pins large arrays: its rules run one by one.
 */
const MAX_CONSTANT_ENTRIES = 4096;

/** A step of the reverse-mode tape (src/autodiff/reverse.ts) as this module reads it. */
export interface TapeNode {
  readonly index: number;
  /** `null` for an input (a leaf). */
  readonly prim: Primitive<unknown> | null;
  readonly params: unknown;
  readonly primals: readonly AnyMatrix[];
  readonly out: AnyMatrix;
  readonly parents: readonly (TapeNode | null)[];
}

/**
 * Runs the vjp rules from the root back to the leaves on cotangent `seed`; with `valueOf`, each
 * tape value the rules read is replaced by `valueOf(value)`.
 */
export type RunBackward = (seed: AnyMatrix, valueOf?: (x: AnyMatrix) => AnyMatrix) => (AnyMatrix | null)[];

interface Compiled {
  readonly run: CompiledProgram;
  /** Which leaves receive a cotangent (the program returns only those). */
  readonly reached: readonly boolean[];
}

/** Seen in one recording only (its number), compiled, or failed to trace (never tried again). */
type Entry = { readonly seenIn: number } | Compiled | "failed";
/** Per structure; the least recently used goes first. */
const cache = new Map<string, Entry>();

/** For tests: switch it off to compare with the rules run one by one; `runs` counts compiled passes. */
export const compiledBackwardSettings = { enabled: true, runs: 0 };

/**
 * The leaves' cotangents by the cached compiled backward pass, or null when the caller should run
 * the rules itself (not eligible, not yet seen in another recording, or it cannot be traced).
 * `recording` numbers the forward pass that made the tape.
 */
export function compiledBackward(
  tape: readonly TapeNode[], recording: number, root: TapeNode, leaves: readonly TapeNode[], seed: AnyMatrix, runBackward: RunBackward,
): (AnyMatrix | null)[] | null {
  if (!compiledBackwardSettings.enabled || liveBox(seed) !== null || !eligible(tape, root)) return null;
  const structure = tapeStructure(tape, root, leaves, seed);
  if (structure === null) return null;
  const { key, values } = structure;
  const entry = cache.get(key);
  if (entry === undefined) {
    remember(key, { seenIn: recording });
    return null;
  }
  cache.delete(key); // re-inserted: most recently used last
  if (entry === "failed" || ("seenIn" in entry && entry.seenIn === recording)) {
    cache.set(key, entry);
    return null;
  }
  const compiled = "seenIn" in entry ? compile(values, seed, runBackward) : entry;
  remember(key, compiled ?? "failed");
  if (compiled === null) return null;
  compiledBackwardSettings.runs++;
  const results = compiled.run([seed, ...values]);
  let k = 0;
  return compiled.reached.map((r) => (r ? results[k++] : null));
}

function remember(key: string, entry: Entry): void {
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, entry);
}

/** Traces the rules with the tape's values and the seed as program inputs; null if that fails. */
function compile(values: readonly AnyMatrix[], seed: AnyMatrix, runBackward: RunBackward): Compiled | null {
  let reached: readonly boolean[] = [];
  try {
    const traced = traceMatrices(([u, ...abstract]) => {
      const stand = new Map(values.map((v, i) => [v, abstract[i]]));
      const cts = runBackward(u, (x) => stand.get(x) ?? x);
      reached = cts.map((g) => g !== null);
      return cts.filter((g): g is AnyMatrix => g !== null);
    }, [seed, ...values]);
    if (traced === null) return null;
    let constants = 0;
    for (const c of traced.program.consts) constants += c.value.rows * c.value.cols;
    if (constants > MAX_CONSTANT_ENTRIES) return null;
    return { run: compileProgram(traced.program, traced.outputs, { scratchBuffers: true }), reached };
  } catch {
    return null; // a rule that cannot be traced (it reads entries): the rules run one by one, as before
  }
}

/**
 * Every value plain, and two or more large entry-by-entry steps, whose rules are entry-by-entry
 * too (tanh's is t ⊙ (1 − y²)), so that the backward pass has a chain to fuse?
 */
function eligible(tape: readonly TapeNode[], root: TapeNode): boolean {
  let large = 0;
  for (let i = 0; i <= root.index; i++) {
    const { prim, out } = tape[i];
    if (liveBox(out) !== null) return false; // an outer differentiation or jit: its rules see its values
    if (prim !== null && entrywise(prim) && out.rows * out.cols >= MIN_FUSED_ENTRIES) large++;
  }
  return large >= 2;
}

function entrywise(prim: Primitive<unknown>): boolean {
  return prim.pointwise !== undefined || prim.batch === ELEMENTWISE || prim.batch === BY_SCALAR;
}

/**
 * What the traced backward pass depends on, as a string, and the distinct values the rules read
 * (in first-use order); null when a parameter is not plain data or a value is a placeholder. Per step: the primitive, its parameters, which
 * values it read and produced (by first-use number, with their shapes) and which steps fed it.
 */
function tapeStructure(tape: readonly TapeNode[], root: TapeNode, leaves: readonly TapeNode[], seed: AnyMatrix): { key: string; values: AnyMatrix[] } | null {
  const values: AnyMatrix[] = [];
  const number = new Map<AnyMatrix, number>();
  let placeholder = false;
  const ref = (x: AnyMatrix): string => {
    const n = number.get(x);
    if (n !== undefined) return `${n}`;
    number.set(x, values.push(x) - 1);
    if (x.data.length !== x.rows * x.cols) placeholder = true;
    return `${x.rows}x${x.cols}`;
  };
  const parts: string[] = [`${seed.rows}x${seed.cols}`, `${root.index}`, leaves.map((l) => l.index).join(",")];
  for (let i = 0; i <= root.index; i++) {
    const { prim, params, primals, out, parents } = tape[i];
    if (prim === null) {
      parts.push(`L${ref(out)}`);
      continue;
    }
    const p = paramsKey(params);
    if (p === null) return null;
    parts.push(`${primitiveId(prim)}(${p})${primals.map(ref).join(",")}>${ref(out)}<${parents.map((q) => (q === null ? "-" : q.index)).join(",")}`);
  }
  return placeholder ? null : { key: parts.join(";"), values };
}

const primitiveIds = new WeakMap<Primitive<unknown>, number>();
let nextPrimitiveId = 0;

function primitiveId(prim: Primitive<unknown>): number {
  let id = primitiveIds.get(prim);
  if (id === undefined) primitiveIds.set(prim, (id = nextPrimitiveId++));
  return id;
}

/**
 * Parameters as a key that tells apart every two values a rule could treat differently (−0 from
 * 0, NaN from Infinity, which JSON would merge): jit's key of static values, which is exact. Null
 * for anything but plain data: a matrix among the parameters would be keyed by its shape only.
 */
export function paramsKey(p: unknown): string | null {
  const leaves: AnyMatrix[] = [];
  const key = treeKey(p, leaves);
  return leaves.length === 0 ? key : null;
}
