/**
 * Element-wise fusion for jit programs. A chain such as scale → scale → tanhGrad (the backward pass
 * of ½‖Y − tanh(Z)‖²) makes three passes over memory, each writing an intermediate that only the
 * next one reads. Fusion rewrites it into one loop generated from the primitives' `pointwise`
 * expressions: no intermediate arrays. A sum over entries (`sum`, `sumSquares`) takes the chain it
 * sums into its own loop the same way.
 *
 * A value is computed inside its consumer when its producer is element-wise and the consumer is
 * element-wise of the same shape, or a sum. It must either be read by nothing else, or be one cheap
 * operation on stored values whose every reader can take it in: then each recomputes it and it is
 * never stored (Y − T in ½‖Y − T‖², read by the loss and by its derivative). Readers that end up
 * in the same loop share one temporary for it.
 *
 * Loops over the same entries then share one pass when the later one needs nothing computed in
 * between: the loss ½‖Y − T‖², the backward G = −(Y − T) ⊙ (1 − T²) and the bias gradient G·1 of
 * a tanh layer become one loop, as a hand-written training step would have it.
 *
 * The expressions perform the kernels' own floating-point operations in the kernels' order, so
 * fused results are bit-for-bit those of the separate kernels. Kernels are generated with
 * `new Function`; where that is forbidden (a strict Content Security Policy), programs run unfused.
 */
import { allocOutput } from "../core/alloc";
import { kernelRan, type ScalarFunction } from "../core/primitive";
import { primitiveStep, type Equation, type ProgramBuilder, type Step } from "./program";

/** An expression tree: an equation whose arguments are slots or inlined trees. */
interface Tree {
  readonly eq: Equation;
  readonly args: readonly (Tree | number)[];
}

/** One result of a loop: an entry stored at each index, or a sum of a term (all entries, down columns, along rows). */
interface LoopResult {
  readonly slot: number;
  readonly tree: Tree;
  readonly sum: { readonly axis: 0 | 1 | undefined } | null;
}

/** A fused loop over the R×C entries of a value, with its results. */
interface Loop {
  readonly rows: number;
  readonly cols: number;
  readonly results: LoopResult[];
}

type FusedKernel = (ins: readonly Float64Array[], outs: readonly Float64Array[]) => void;

let codegenWorks: boolean | undefined;

/** The program as steps, element-wise chains fused into loops (the program is not modified). */
export function fuseElementwise(p: ProgramBuilder, outputs: readonly number[]): Step[] {
  const { equations } = p;
  if (!canGenerate()) return equations.map((e) => primitiveStep(e, p));
  const readers: number[][] = p.rows.map(() => []);
  equations.forEach((e, i) => e.args.forEach((a) => readers[a].push(i)));
  const results = new Set(outputs);
  const producer = new Map<number, number>(equations.map((e, i) => [e.out, i]));
  const isPointwise = (e: Equation) =>
    e.prim.pointwise !== undefined && p.rows[e.out] * p.cols[e.out] < (e.prim.fuseBelow ?? Infinity);
  const sameShape = (a: number, b: number) => p.rows[a] === p.rows[b] && p.cols[a] === p.cols[b];
  /** Can consumer `e` compute the value of slot `a` in its own loop? */
  const takesIn = (e: Equation, a: number) => e.prim.reduction !== undefined || (isPointwise(e) && sameShape(a, e.out));
  /** Recomputing it costs less than a pass over memory: one operation, no function calls. */
  const cheap = (e: Equation) => {
    let calls = false;
    e.prim.pointwise!(e.args.map(() => "x"), e.params, () => ((calls = true), "f"));
    return !calls;
  };

  // Decided per value, producers first: is it computed inside its readers instead of stored?
  const recompute = new Array<boolean>(p.rows.length).fill(false);
  for (const e of equations) {
    const a = e.out, rs = readers[a];
    if (!isPointwise(e) || results.has(a) || rs.length === 0 || !rs.every((k) => takesIn(equations[k], a))) continue;
    // a value read more than once is recomputed only if that is cheap and does not cascade
    recompute[a] = rs.length === 1 || (cheap(e) && e.args.every((x) => !recompute[x]));
  }
  const treeOf = (i: number): Tree => {
    const e = equations[i];
    return { eq: e, args: e.args.map((a) => (recompute[a] ? treeOf(producer.get(a)!) : a)) };
  };

  // Every remaining element-wise equation or sum becomes a loop; other equations stay kernels.
  type Item = { loop: Loop } | { eq: Equation };
  const items: Item[] = [];
  const madeAt = new Map<number, number>(); // slot → index in items of what computes it
  equations.forEach((e, index) => {
    if (recompute[e.out]) return; // computed inside its readers
    const loopy = isPointwise(e) || e.prim.reduction !== undefined;
    let item: Item;
    if (!loopy) item = { eq: e };
    else {
      const tree = treeOf(index);
      const reduction = e.prim.reduction?.("v", e.params);
      const over = reduction === undefined ? e.out : leafShapeSlot(tree.args[0]);
      item = { loop: { rows: p.rows[over], cols: p.cols[over], results: [{ slot: e.out, tree, sum: reduction === undefined ? null : { axis: reduction.axis } }] } };
      const joined = joinEarlierLoop(items, item.loop, madeAt, p);
      if (joined >= 0) {
        madeAt.set(e.out, joined);
        return;
      }
    }
    items.push(item);
    madeAt.set(e.out, items.length - 1);
  });
  // a value stored by a loop that only that loop reads (and that is not a result) needs no array
  const readBy = new Map<number, Set<number>>();
  items.forEach((it, i) => {
    const reads = "eq" in it ? it.eq.args : it.loop.results.flatMap((r) => leavesOf(r.tree));
    for (const s of reads) (readBy.get(s) ?? readBy.set(s, new Set()).get(s)!).add(i);
  });
  return items.map((it, i) => {
    if ("eq" in it) return primitiveStep(it.eq, p);
    const only = it.loop.results.length === 1 ? it.loop.results[0] : null;
    if (only !== null && only.tree.args.every((a) => typeof a === "number")) return primitiveStep(only.tree.eq, p);
    const internal = new Set(
      it.loop.results.filter((r) => r.sum === null && !results.has(r.slot) && [...(readBy.get(r.slot) ?? [])].every((j) => j === i)).map((r) => r.slot),
    );
    return loopStep(it.loop, p, internal);
  });
}

/** The slot whose shape a summed value has (its own, or its tree root's output). */
function leafShapeSlot(a: Tree | number): number {
  return typeof a === "number" ? a : a.eq.out;
}

/**
 * Adds `loop`'s results to the latest earlier loop over the same entries if everything `loop`
 * reads exists by then (computed before that loop, or stored by it: then read in the same pass).
 * Returns that loop's index in `items`, or −1.
 */
function joinEarlierLoop(items: readonly ({ loop: Loop } | { eq: Equation })[], loop: Loop, madeAt: Map<number, number>, p: ProgramBuilder): number {
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i];
    if (!("loop" in it) || it.loop.rows !== loop.rows || it.loop.cols !== loop.cols) continue;
    const stored = new Set(it.loop.results.filter((r) => r.sum === null).map((r) => r.slot));
    const ok = loop.results.every((r) =>
      leavesOf(r.tree).every((s) => {
        const at = madeAt.get(s);
        if (at === undefined || at < i) return true; // an input, a constant, or made earlier
        // a value this loop stores, read entry by entry at the same index
        return at === i && stored.has(s) && p.rows[s] === loop.rows && p.cols[s] === loop.cols;
      }),
    );
    if (!ok) return -1; // the latest loop over these entries is the only candidate: keep the order simple
    it.loop.results.push(...loop.results);
    return i;
  }
  return -1;
}

function leavesOf(t: Tree): number[] {
  return t.args.flatMap((a) => (typeof a === "number" ? [a] : leavesOf(a)));
}

/**
 * Entries per pass of a generated loop: the body is written out this many times (entries i … i+3,
 * in order), because V8 does not unroll loops and its per-iteration overhead would otherwise
 * cost about as much as the arithmetic. It is also the kernels' number of sum accumulators
 * (sumRange in src/ops/reduce.ts): lane u adds to accumulator u.
 */
const UNROLL = 4;

/** The names of sum k's accumulators, one per lane. */
const accumulators = (k: number): string[] => Array.from({ length: UNROLL }, (_, u) => `a${k}_${u}`);

/** The kernels' combination of four accumulators: (a₀ + a₁) + (a₂ + a₃). */
const combined = (a: readonly string[]): string => `${a[0]} + ${a[1]} + (${a[2]} + ${a[3]})`;

/** A step running a loop's generated kernel; `internal` values are only read inside it, so not stored. */
function loopStep(loop: Loop, p: ProgramBuilder, internal: ReadonlySet<number>): Step {
  const R = loop.rows, C = loop.cols;
  const slots: number[] = [];
  const fns: ScalarFunction[] = [];
  const names: string[] = [];
  const before: string[] = [];
  const after: string[] = [];
  const rowStart: string[] = [];
  const rowEnd: string[] = [];
  const wholeSums: number[] = []; // output indices of the sums of all entries
  let nested = false;

  const use = (f: ScalarFunction): string => {
    let k = fns.indexOf(f);
    if (k < 0) k = fns.push(f) - 1;
    return `F${k}`;
  };

  /**
   * The statements for entry i + u (column c + u): each input entry is read once, each equation
   * computed once (a value recomputed for several readers is one temporary here), in the order
   * of the loop's results. Lane 0 also records the sums' set-up and the loop's name.
   */
  const lane = (u: number): string[] => {
    const body: string[] = [];
    const at = u === 0 ? "" : ` + ${u}`;
    const valueOf = new Map<number, string>(); // slot → its value for this entry
    const computed = new Map<Equation, string>();
    const slotRef = (s: number): string => {
      const known = valueOf.get(s);
      if (known !== undefined) return known;
      let k = slots.indexOf(s);
      if (k < 0) k = slots.push(s) - 1;
      const r = p.rows[s], c = p.cols[s];
      if (r === 1 && c === 1 && !(R === 1 && C === 1)) return `s${k}`;
      let read: string;
      if (r === R && c === C) read = `x${k}[i${at}]`;
      else {
        nested = true;
        read = c === 1 ? `x${k}[r]` : `x${k}[c${at}]`; // a column (R×1) or a row (1×C)
      }
      const v = `v${k}_${u}`;
      body.push(`const ${v} = ${read};`);
      valueOf.set(s, v);
      return v;
    };
    const emit = (t: Tree | number): string => {
      if (typeof t === "number") return slotRef(t);
      const done = computed.get(t.eq);
      if (done !== undefined) return done;
      const args = t.args.map(emit);
      if (u === 0) names.push(t.eq.prim.name);
      const name = `t${computed.size}_${u}`;
      body.push(`const ${name} = ${t.eq.prim.pointwise!(args, t.eq.params, use)};`);
      computed.set(t.eq, name);
      return name;
    };

    let k = 0; // output index (internal values have none)
    for (const res of loop.results) {
      if (res.sum === null) {
        const v = emit(res.tree);
        if (!internal.has(res.slot)) body.push(`o${k++}[i${at}] = ${v};`);
        valueOf.set(res.slot, v);
        continue;
      }
      const eq = res.tree.eq;
      const term = eq.prim.reduction!(emit(res.tree.args[0]), eq.params).term;
      if (u === 0) names.push(eq.prim.name);
      if (res.sum.axis === undefined) {
        if (u === 0) before.push(`let ${accumulators(k).join(" = 0, ")} = 0;`), wholeSums.push(k);
        body.push(`a${k}_${u} += ${term};`);
      } else if (res.sum.axis === 0) {
        nested = true;
        if (u === 0) before.push(`o${k}.fill(0);`);
        body.push(`o${k}[c${at}] += ${term};`);
      } else {
        nested = true;
        if (u === 0) rowStart.push(`let ${accumulators(k).join(" = 0, ")} = 0;`), rowEnd.push(`o${k}[r] = ${combined(accumulators(k))};`);
        body.push(`a${k}_${u} += ${term};`);
      }
      k++;
    }
    return body;
  };
  const bodies = Array.from({ length: UNROLL }, (_, u) => lane(u).join(" ")); // lane 0 first: it records the set-up
  const lanes = (n: number): string => bodies.slice(0, n).join(" ");

  // The entries of a row (nested) or of the whole matrix: a loop over whole groups of UNROLL
  // entries, then the few left over written out once.
  const runOver = (n: number, index: (start: string) => string): string => {
    const whole = n - (n % UNROLL);
    const main = whole > 0 ? `for (let j = 0; j < ${whole}; j += ${UNROLL}) { ${index("j")} ${lanes(UNROLL)} }` : "";
    const rest = n % UNROLL > 0 ? `{ ${index(String(whole))} ${lanes(n % UNROLL)} }` : "";
    return `${main} ${rest}`;
  };
  // A sum of all entries gives entry i (flat index) to accumulator i mod 4, as the kernels do. A
  // nested loop's lane u of row r is entry r·C + c + u with c a multiple of 4, so when C is not a
  // multiple of 4 the lanes' accumulators rotate by C mod 4 after each row.
  const shift = nested ? C % UNROLL : 0;
  for (const k of wholeSums) {
    const a = accumulators(k);
    if (shift > 0) rowEnd.push(`{ ${a.map((v, u) => `const t${u} = ${v};`).join(" ")} ${a.map((v, u) => `${v} = t${(u + shift) % UNROLL};`).join(" ")} }`);
    // after R rows, accumulator j is held by lane (j − R·C) mod 4
    const end = shift > 0 ? (R * C) % UNROLL : 0;
    after.push(`o${k}[0] = ${combined(a.map((_, j) => a[(j - end + UNROLL) % UNROLL]))};`);
  }
  const loopCode = nested
    ? `for (let r = 0; r < ${R}; r++) { ${rowStart.join(" ")} ${runOver(C, (j) => `const c = ${j}, i = r * ${C} + c;`)} ${rowEnd.join(" ")} }`
    : runOver(R * C, (j) => `const i = ${j};`);
  const loads = slots.map((s, k) => (p.rows[s] === 1 && p.cols[s] === 1 && !(R === 1 && C === 1) ? `const s${k} = ins[${k}][0];` : `const x${k} = ins[${k}];`));
  const resultSlots = loop.results.filter((r) => !internal.has(r.slot)).map((r) => r.slot);
  const outs = resultSlots.map((_, j) => `const o${j} = outs[${j}];`);
  const source = `"use strict"; return function fused(ins, outs) { ${loads.join(" ")} ${outs.join(" ")} ${before.join(" ")} ${loopCode} ${after.join(" ")} };`;
  const kernel = compiledKernel(source, fns);

  const name = `fused(${names.join(", ")})`;
  return {
    name,
    args: slots,
    outs: resultSlots,
    writesOut: true,
    run(data, bufs) {
      const out = resultSlots.map((s, k) => bufs[k] ?? allocOutput(p.rows[s] * p.cols[s]));
      kernel(data, out);
      kernelRan(name, R, C); // the entries the loop runs over
      return out;
    },
  };
}

/**
 * Generated kernels by their source text and the scalar functions they call. A program traced
 * again — a new `jit` of the same code, or `jacobian`'s passes at a new point — reuses the compiled
 * function, which V8 has optimized by then: a freshly generated one starts in the interpreter.
 */
const kernelCache = new Map<string, FusedKernel>();
const MAX_CACHED_KERNELS = 256;
const functionIds = new WeakMap<ScalarFunction, number>();
let nextFunctionId = 0;

function compiledKernel(source: string, fns: readonly ScalarFunction[]): FusedKernel {
  const idOf = (f: ScalarFunction): number => {
    let id = functionIds.get(f);
    if (id === undefined) functionIds.set(f, (id = nextFunctionId++));
    return id;
  };
  const key = `${fns.map(idOf).join(",")}|${source}`;
  let kernel = kernelCache.get(key);
  if (kernel === undefined) {
    kernel = new Function(...fns.map((_, k) => `F${k}`), source)(...fns) as FusedKernel;
    if (kernelCache.size >= MAX_CACHED_KERNELS) kernelCache.delete(kernelCache.keys().next().value as string);
    kernelCache.set(key, kernel);
  }
  return kernel;
}

function canGenerate(): boolean {
  if (codegenWorks === undefined) {
    try {
      codegenWorks = (new Function("return 1") as () => number)() === 1;
    } catch {
      codegenWorks = false;
    }
  }
  return codegenWorks;
}
