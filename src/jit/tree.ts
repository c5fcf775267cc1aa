/**
 * Argument and result trees of a jitted function: matrices (and tensors, through their flattened
 * matrix) are the leaves; arrays and plain objects are containers; numbers, strings, booleans,
 * null and undefined are static parts of the structure. A tree's key names its structure, the
 * shapes of its leaves and its static values, so equal keys can share one compiled program.
 */
import { ValueError } from "../errors";
import { Matrix } from "../matrix";
import { Tensor } from "../tensor";
import type { AnyMatrix } from "../core/primitive";
import { recordOf } from "../core/records";

export interface Tree {
  /** Structure, leaf shapes and static values. */
  readonly key: string;
  /** The same tree with the given leaves in place of the original ones (same order). */
  build(leaves: readonly AnyMatrix[]): unknown;
}

/**
 * The key of `value` (its structure, leaf shapes and static values), appending its leaves to
 * `leaves` in `flattenTree`'s order; null if it holds something `flattenTree` refuses. This is the
 * per-call work of a jitted function, so it builds nothing but the key.
 */
export function treeKey(value: unknown, leaves: AnyMatrix[]): string | null {
  if (value instanceof Matrix) {
    leaves.push(value);
    return `M${value.rows}x${value.cols}`;
  }
  if (value instanceof Tensor) {
    leaves.push(value.toMatrix() as AnyMatrix);
    return `T${value.outDims.join("x")};${value.inDims.join("x")}`;
  }
  if (Array.isArray(value)) {
    let key = "[";
    for (let k = 0; k < value.length; k++) {
      const part = treeKey(value[k], leaves);
      if (part === null) return null;
      key += k === 0 ? part : `,${part}`;
    }
    return `${key}]`;
  }
  if (isPlainObject(value)) {
    let key = "{", first = true;
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      const part = treeKey(value[k], leaves);
      if (part === null) return null;
      key += `${first ? "" : ","}${JSON.stringify(k)}:${part}`;
      first = false;
    }
    return `${key}}`;
  }
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  return null;
}

/**
 * A tree's structure, leaf shapes and static values as an object, so that a later value can be
 * checked against it without building its key: a jitted function remembers the template of its
 * last call, and a training loop's calls then skip `treeKey`'s string building.
 */
export type Template =
  | { readonly kind: "matrix"; readonly rows: number; readonly cols: number }
  | { readonly kind: "tensor"; readonly outDims: readonly number[]; readonly inDims: readonly number[] }
  | { readonly kind: "array"; readonly parts: readonly Template[] }
  | { readonly kind: "object"; readonly keys: readonly string[]; readonly parts: readonly Template[] }
  | { readonly kind: "static"; readonly value: unknown };

/** The template of a value that `treeKey` accepts. */
export function templateOf(value: unknown): Template {
  if (value instanceof Matrix) return { kind: "matrix", rows: value.rows, cols: value.cols };
  if (value instanceof Tensor) return { kind: "tensor", outDims: [...value.outDims], inDims: [...value.inDims] };
  if (Array.isArray(value)) return { kind: "array", parts: value.map(templateOf) };
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return { kind: "object", keys, parts: keys.map((k) => templateOf(value[k])) };
  }
  return { kind: "static", value };
}

/**
 * Whether `value` has template `t`, i.e. the key of the value `t` was made from; appends its leaves
 * to `leaves` in `treeKey`'s order as it goes (the caller drops them when it answers false).
 * Static values match when `Object.is` says so: exactly when `treeKey` writes them alike.
 */
export function matchesTemplate(value: unknown, t: Template, leaves: AnyMatrix[]): boolean {
  switch (t.kind) {
    case "matrix":
      if (!(value instanceof Matrix) || value.rows !== t.rows || value.cols !== t.cols) return false;
      leaves.push(value);
      return true;
    case "tensor":
      if (!(value instanceof Tensor) || !sameDims(value.outDims, t.outDims) || !sameDims(value.inDims, t.inDims)) return false;
      leaves.push(value.toMatrix() as AnyMatrix);
      return true;
    case "array":
      if (!Array.isArray(value) || value.length !== t.parts.length) return false;
      for (let k = 0; k < value.length; k++) if (!matchesTemplate(value[k], t.parts[k], leaves)) return false;
      return true;
    case "object": {
      if (!isPlainObject(value)) return false;
      let j = 0;
      for (const k in value) {
        if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
        if (k !== t.keys[j] || !matchesTemplate(value[k], t.parts[j], leaves)) return false;
        j++;
      }
      return j === t.keys.length;
    }
    case "static":
      return Object.is(value, t.value);
  }
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Walks `value`, appending its leaves to `leaves`; `where` names it in error messages. */
export function flattenTree(value: unknown, leaves: AnyMatrix[], where: string): Tree {
  const first = leaves.length;
  const key = treeKey(value, leaves);
  if (key === null) refuse(value, where);
  return { key, build: builder(value, { next: first }) };
}

/**
 * Rebuilds `value`'s structure from leaves; `leaf.next` is the index of its first leaf, in
 * `treeKey`'s order, and is advanced past its leaves.
 */
function builder(value: unknown, leaf: { next: number }): (ls: readonly AnyMatrix[]) => unknown {
  if (value instanceof Matrix) {
    const i = leaf.next++;
    return (ls) => ls[i];
  }
  if (value instanceof Tensor) {
    const i = leaf.next++;
    const out = value.outDims, inp = value.inDims;
    return (ls) => new Tensor(out, inp, ls[i]);
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => builder(v, leaf));
    return (ls) => parts.map((p) => p(ls));
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const parts = keys.map((k) => builder(value[k], leaf));
    return (ls) => recordOf(keys, parts.map((p) => p(ls)));
  }
  return () => value;
}

/** Throws the error for the first part of `value` that a jitted function cannot take. */
function refuse(value: unknown, where: string): never {
  if (Array.isArray(value)) value.forEach((v, k) => treeKey(v, []) === null && refuse(v, `${where}[${k}]`));
  else if (isPlainObject(value)) for (const k of Object.keys(value)) if (treeKey(value[k], []) === null) refuse(value[k], `${where}.${k}`);
  throw new ValueError("jit", `${where} is ${describe(value)}; a jitted function takes and returns matrices, tensors, numbers, strings, booleans and arrays or plain objects of them`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describe(v: unknown): string {
  if (typeof v === "function") return "a function";
  if (typeof v === "object" && v !== null) return `an instance of ${v.constructor?.name ?? "an unknown class"}`;
  return `a ${typeof v}`;
}
