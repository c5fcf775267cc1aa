/**
 * Shared by the examples (not an example itself): the `Check` record each example returns, and a
 * small `Report` that prints a heading per topic, each derivative with its shape, the computed value
 * beside the closed form of the notes, and the largest entry-wise difference.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Matrix, Tensor } from "../src/index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMatrix = Matrix<any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTensor = Tensor<any, any>;
/** What a check compares: a matrix, a higher-rank derivative, or a plain number. */
export type Value = AnyMatrix | AnyTensor | number;

/** One numerical claim of an example: the library's derivative against the notes' closed form. */
export interface Check {
  name: string;
  computed: Value;
  closedForm: Value;
  /** The largest allowed |computed − closedForm| over all entries. */
  tolerance: number;
}

/** Where an example prints (console.log by default; the tests pass a silent collector). */
export type Log = (line?: string) => void;

/** True when the module at `url` is the script node/tsx was started with (`npx tsx examples/x.ts`). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  const href = pathToFileURL(resolve(script)).href;
  return url === href || url === `${href}.ts` || url.replace(/\.ts$/, "") === href;
}

// ---------------------------------------------------------------- shapes and differences

/** The full shape of a value: `[R, C]` for a matrix, `[...out, ...in]` for a tensor, `[]` for a number. */
export function fullShape(v: Value): number[] {
  if (typeof v === "number") return [];
  if (v instanceof Tensor) return [...(v.shape as number[])];
  return [v.rows, v.cols];
}

function dimsText(d: readonly number[]): string {
  return d.length === 1 ? String(d[0]) : `(${d.join("×")})`;
}

/** The shape as the notes write it: "3×2", "2×(2×3)", "(4×2)×3", "(2×2)×(3×2)", or "scalar". */
export function shapeText(v: Value): string {
  if (typeof v === "number") return "scalar";
  if (v instanceof Tensor) return `${dimsText(v.outDims as number[])}×${dimsText(v.inDims as number[])}`;
  return `${v.rows}×${v.cols}`;
}

function entries(v: Value): ArrayLike<number> {
  return typeof v === "number" ? [v] : v.data;
}

/** max |a − b| over all entries; Infinity when the shapes differ (or an entry is NaN). */
export function maxAbsDiff(a: Value, b: Value): number {
  const sa = fullShape(a), sb = fullShape(b);
  if (sa.length !== sb.length || sa.some((d, i) => d !== sb[i])) return Infinity;
  const x = entries(a), y = entries(b);
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i] - y[i]);
    if (!(d <= worst)) worst = d; // NaN propagates as "worse"
  }
  return Number.isNaN(worst) ? Infinity : worst;
}

function maxAbs(v: Value): number {
  const x = entries(v);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** A tolerance scaled to the size of the closed form: rel · max(1, max |entry|). */
export function tol(closedForm: Value, rel = 1e-10): number {
  return rel * Math.max(1, maxAbs(closedForm));
}

// ---------------------------------------------------------------- building closed forms

/**
 * A derivative tensor written down entry by entry from the notes: `entry(...index)` gives the value
 * at the full index `[...out, ...in]` (e.g. (df/dA)[i, k, q] = δ_ik x_q).
 */
export function tensorFrom<const O extends readonly number[], const I extends readonly number[]>(
  outDims: O,
  inDims: I,
  entry: (...index: number[]) => number,
): Tensor<O, I> {
  const shape = [...outDims, ...inDims];
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float64Array(n);
  const idx = shape.map(() => 0);
  for (let k = 0; k < n; k++) {
    data[k] = entry(...idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
  return new Tensor(outDims, inDims, data);
}

/** Kronecker delta. */
export const delta = (i: number, j: number): number => (i === j ? 1 : 0);

// ---------------------------------------------------------------- printing

function fmtNum(x: number, digits: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  const s = x.toFixed(digits);
  const z = Number(s) === 0 ? (0).toFixed(digits) : s; // no "-0.0000"
  return z.replace(/^-/, "−");
}

/**
 * The value as lines of text. A tensor is drawn as its (∏out)×(∏in) matrix with the blocks of a
 * matrix input separated by "│" and the blocks of a matrix output by a rule; a scalar's derivative
 * w.r.t. a matrix (1×(M×N)) is drawn as the M×N array, as the notes do.
 */
export function grid(v: Value, digits = 4): string[] {
  if (typeof v === "number") return [fmtNum(v, Number.isInteger(v) ? 0 : digits)];
  let rows: number, cols: number, colBlock = 0, rowBlock = 0;
  if (v instanceof Tensor) {
    const out = v.outDims as number[], inn = v.inDims as number[];
    if (out.length === 1 && out[0] === 1 && inn.length === 2) {
      [rows, cols] = inn;
    } else {
      rows = out.reduce((a, b) => a * b, 1);
      cols = inn.reduce((a, b) => a * b, 1);
      if (inn.length === 2) colBlock = inn[1];
      if (out.length === 2) rowBlock = out[1];
    }
  } else {
    rows = v.rows;
    cols = v.cols;
  }
  const allIntegers = Array.from(v.data).every((x) => Number.isInteger(x) && Math.abs(x) < 1e9);
  if (allIntegers) digits = 0;
  const cells: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const r: string[] = [];
    for (let j = 0; j < cols; j++) r.push(fmtNum(v.data[i * cols + j], digits));
    cells.push(r);
  }
  const w = Math.max(1, ...cells.flat().map((s) => s.length));
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    let line = "";
    for (let j = 0; j < cols; j++) {
      if (j > 0) line += colBlock > 0 && j % colBlock === 0 ? " │ " : " ";
      line += cells[i][j].padStart(w);
    }
    if (rowBlock > 0 && i > 0 && i % rowBlock === 0) lines.push("─".repeat(line.length));
    lines.push(line);
  }
  return lines.map((l) => (l.startsWith("─") ? `  ${l}  ` : `[ ${l} ]`));
}

/** Blocks of lines next to each other, each under its title. */
export function columns(blocks: readonly { title: string; lines: readonly string[] }[], gap = 4): string[] {
  const widths = blocks.map((b) => Math.max(b.title.length, ...b.lines.map((l) => l.length)));
  const n = Math.max(...blocks.map((b) => b.lines.length));
  const row = (cell: (k: number) => string) => blocks.map((_, k) => (k === blocks.length - 1 ? cell(k) : cell(k).padEnd(widths[k] + gap))).join("").trimEnd();
  const out = [row((k) => blocks[k].title)];
  for (let i = 0; i < n; i++) out.push(row((k) => blocks[k].lines[i] ?? ""));
  return out;
}

/** Two blocks of lines next to each other, each under its title. */
export function sideBySide(leftTitle: string, left: readonly string[], rightTitle: string, right: readonly string[], gap = 4): string[] {
  return columns([{ title: leftTitle, lines: left }, { title: rightTitle, lines: right }], gap);
}

export interface CompareOptions {
  /** Label of the computed column (default "computed"). */
  computed?: string;
  /** The closed form as the notes write it (default "closed form"). */
  closed?: string;
  /** Allowed max |difference| (default `tol(closedForm)` = 1e-10 · max(1, max |entry|)). */
  tolerance?: number;
  digits?: number;
  /** Print only the name, shape and max |difference| (the values were printed just before). */
  brief?: boolean;
}

/** "0" or "1.23e-16". */
export function fmtDiff(d: number): string {
  return d === 0 ? "0" : d.toExponential(2);
}

/** Collects the checks of one example while printing them for a reader. */
export class Report {
  readonly checks: Check[] = [];
  /** The current section's label (its heading up to the first ":"), prefixed to check names. */
  private topic = "";
  constructor(private readonly log: Log) {}

  /** Records a check (named "<section label> › <name>") without printing it. */
  record(name: string, computed: Value, closedForm: Value, tolerance = tol(closedForm)): void {
    this.checks.push({ name: this.topic ? `${this.topic} › ${name}` : name, computed, closedForm, tolerance });
  }

  /** The example's title. */
  title(text: string, ...intro: string[]): void {
    this.log(text);
    this.log("═".repeat(Math.min(100, [...text].length)));
    for (const l of intro) this.log(l);
  }

  /** A topic heading (one example of the notes). */
  section(text: string): void {
    this.topic = text.split(":")[0].trim();
    this.log("");
    this.log(`── ${text} ${"─".repeat(Math.max(3, 90 - [...text].length))}`);
  }

  /** Plain explanatory lines. */
  note(...lines: string[]): void {
    for (const l of lines) this.log(`  ${l}`);
  }

  /** Prints a value with its shape (no check). */
  show(label: string, v: Value, digits = 4): void {
    const g = grid(v, digits);
    if (g.length === 1) this.log(`  ${label} : ${shapeText(v)} = ${g[0]}`);
    else {
      this.log(`  ${label} : ${shapeText(v)}`);
      for (const l of g) this.log(`    ${l}`);
    }
  }

  /**
   * Prints "name : shape", the computed value beside the closed form, and max |difference|, and
   * records the check. Returns the difference.
   */
  compare(name: string, computed: Value, closedForm: Value, opts: CompareOptions = {}): number {
    const tolerance = opts.tolerance ?? tol(closedForm);
    const diff = maxAbsDiff(computed, closedForm);
    this.record(name, computed, closedForm, tolerance);
    const digits = opts.digits ?? 4;
    const a = grid(computed, digits), b = grid(closedForm, digits);
    const left = opts.computed ?? "computed", right = `closed form${opts.closed ? `  ${opts.closed}` : ""}`;
    const head = `  ${name} : ${shapeText(computed)}${shapeText(computed) === shapeText(closedForm) ? "" : `  (closed form: ${shapeText(closedForm)})`}`;
    const ok = diff <= tolerance;
    const verdict = `max |difference| = ${fmtDiff(diff)}${ok ? "" : `  ✗ above the tolerance ${tolerance.toExponential(1)}`}`;
    if (opts.brief) {
      this.log(`${head}${opts.closed ? `, vs ${opts.closed}` : ""}: ${verdict}`);
      return diff;
    }
    this.log(head);
    if (a.length === 1 && b.length === 1) {
      this.log(`    ${left} = ${a[0]}    ${right} = ${b[0]}`);
    } else {
      for (const l of sideBySide(left, a, right, b)) this.log(`    ${l}`);
    }
    this.log(`    ${verdict}`);
    return diff;
  }
}

/** The numerator-layout gradient 1×(M×N) of a scalar w.r.t. an M×N matrix, from the M×N array the notes write. */
export function rowTensor<R extends number, C extends number>(m: Matrix<R, C>): Tensor<[1], [R, C]> {
  return new Tensor([1] as [1], [m.rows, m.cols] as [R, C], Float64Array.from(m.data));
}
