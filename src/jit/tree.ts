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

export interface Tree {
  /** Structure, leaf shapes and static values. */
  readonly key: string;
  /** The same tree with the given leaves in place of the original ones (same order). */
  build(leaves: readonly AnyMatrix[]): unknown;
}

/** Walks `value`, appending its leaves to `leaves`; `where` names it in error messages. */
export function flattenTree(value: unknown, leaves: AnyMatrix[], where: string): Tree {
  if (value instanceof Matrix) {
    const i = leaves.push(value) - 1;
    return { key: `M${value.rows}x${value.cols}`, build: (ls) => ls[i] };
  }
  if (value instanceof Tensor) {
    const i = leaves.push(value.toMatrix() as AnyMatrix) - 1;
    const out = value.outDims, inp = value.inDims;
    return { key: `T${out.join("x")};${inp.join("x")}`, build: (ls) => new Tensor(out, inp, ls[i]) };
  }
  if (Array.isArray(value)) {
    const parts = value.map((v, k) => flattenTree(v, leaves, `${where}[${k}]`));
    return { key: `[${parts.map((p) => p.key).join(",")}]`, build: (ls) => parts.map((p) => p.build(ls)) };
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    const parts = keys.map((k) => flattenTree(value[k], leaves, `${where}.${k}`));
    return {
      key: `{${keys.map((k, j) => `${JSON.stringify(k)}:${parts[j].key}`).join(",")}}`,
      build: (ls) => Object.fromEntries(keys.map((k, j) => [k, parts[j].build(ls)])),
    };
  }
  if (value === null || value === undefined || typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    const key = typeof value === "string" ? JSON.stringify(value) : Object.is(value, -0) ? "-0" : String(value);
    return { key, build: () => value };
  }
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
