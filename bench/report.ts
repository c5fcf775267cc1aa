/** Tables of the side-by-side bench: console text and the Markdown file (bench/results.md). */
import os from "node:os";
import type { Lib } from "./peers/common";
import { TYPECHECK_METHOD, checkRatio, formatRatio, type TypecheckNumbers, type TypecheckResult } from "./typecheck/run";

export interface Cell {
  lib: string;
  /** ok: timed; n/a: the library has no such operation (printed "–"); error: it failed (printed "–", reason listed). */
  status: "ok" | "n/a" | "error";
  ms?: number;
  samples?: number[];
  reps?: number;
  /** max |Δ| of the flattened result against shapecalc's. */
  maxDiff?: number;
  reason?: string;
  detail?: { loss: number; dA: number; db: number };
}

/**
 * The machine's multiply–add rates at one moment (GFLOP/s, bench/wasm-peak.ts): the register-only
 * loop on one thread, the same padded to the GEMM kernel's instructions per multiply–add, and the
 * loop on two threads at once (null without workers).
 */
export interface Ceiling {
  one: number;
  padded: number | null;
  two: number | null;
}

export interface CaseResult {
  id: string;
  group: string;
  title: string;
  flops?: number;
  cells: Cell[];
  /** The machine's multiply–add rates just before and just after the case. */
  ceiling?: Ceiling[];
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memGiB: number;
}

export interface Meta {
  info: MachineInfo;
  date: Date;
  samples: number;
  quick: boolean;
  only?: string;
  seconds: number;
}

interface ResultLike {
  cases: CaseResult[];
  typecheck: TypecheckResult[];
  notes: string[];
  libs: Lib[];
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: (cpus[0]?.model ?? "unknown CPU").trim(),
    cores: cpus.length,
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
  };
}

export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  if (ms < 1e-3) return `${(ms * 1e6).toPrecision(3)} ns`;
  if (ms < 1) return `${(ms * 1e3).toPrecision(3)} µs`;
  if (ms < 1000) return `${ms.toPrecision(3)} ms`;
  return `${(ms / 1000).toPrecision(3)} s`;
}

const DASH = "–";

function fmtRatio(r: number): string {
  return r >= 100 ? `×${r.toFixed(0)}` : r >= 10 ? `×${r.toFixed(1)}` : `×${r.toFixed(2)}`;
}

function fmtDiff(d: number | undefined): string {
  if (d === undefined) return DASH;
  if (Number.isNaN(d)) return "shape≠";
  return d === 0 ? "0" : d.toExponential(1);
}

/** "a–b" (rounded to 3 digits; one figure when equal), or a dash when any is missing. */
function fmtRange(xs: (number | null)[] | undefined): string {
  if (!xs || xs.some((x) => x === null)) return DASH;
  const [lo, hi] = [Math.min(...(xs as number[])), Math.max(...(xs as number[]))].map((x) => x.toPrecision(3));
  return lo === hi ? lo : `${lo}–${hi}`;
}

type Table = { title: string; note?: string; head: string[]; rows: string[][] };

/** The libraries that appear in at least one of the cases (every library when there are no cases). */
function columns(res: ResultLike): Lib[] {
  return res.libs.filter((l) => res.cases.length === 0 || res.cases.some((c) => c.cells.some((x) => x.lib === l.id && x.status !== "n/a")) || l.id === "shapecalc");
}

function cellOf(c: CaseResult, lib: string): Cell | undefined {
  return c.cells.find((x) => x.lib === lib);
}

function baseMs(c: CaseResult): number | undefined {
  const b = cellOf(c, "shapecalc");
  return b?.status === "ok" ? b.ms : undefined;
}

export function tables(res: ResultLike): Table[] {
  const cols = columns(res);
  const head = ["case", ...cols.map((l) => l.label)];
  const out: Table[] = [];
  const caseRows = (f: (c: CaseResult, cell: Cell | undefined) => string, filter: (c: CaseResult) => boolean = () => true) =>
    res.cases.filter(filter).map((c) => [c.title, ...cols.map((l) => f(c, cellOf(c, l.id)))]);
  if (res.cases.length > 0) {
    out.push({ title: "Median time per op", head, rows: caseRows((_, x) => (x?.status === "ok" ? fmtTime(x.ms!) : DASH)) });
    out.push({
      title: "Ratio peer / shapecalc (median time; > 1: shapecalc is faster)",
      head,
      rows: caseRows((c, x) => {
        const b = baseMs(c);
        return x?.status === "ok" && b !== undefined ? fmtRatio(x.ms! / b) : DASH;
      }),
    });
    const mm = res.cases.filter((c) => c.group === "matmul" && c.flops !== undefined);
    if (mm.length > 0) {
      const withCeiling = mm.some((c) => c.ceiling);
      out.push({
        title: "Scaling: matmul GFLOP/s vs n (2n³ flops per op)",
        note: withCeiling
          ? "ceiling: the machine's rate at that moment for multiply–adds on registers alone (bench/wasm-peak.ts), on one thread and on two at once, measured just before and just after the case; a kernel that also loads its operands stays below it. padded: the one-thread loop with 12 integer additions a round, about the GEMM kernel's instructions per multiply–add: in the host's slow spells it falls with the products while the bare ceiling hardly moves"
          : undefined,
        head: ["n", ...cols.map((l) => l.label), ...(withCeiling ? ["ceiling 1 thread", "padded ceiling", "ceiling 2 threads"] : [])],
        rows: mm.map((c) => [
          c.title.replace(/^matmul /, ""),
          ...cols.map((l) => {
            const x = cellOf(c, l.id);
            return x?.status === "ok" ? (c.flops! / x.ms! / 1e6).toPrecision(3) : DASH;
          }),
          ...(withCeiling ? [fmtRange(c.ceiling?.map((x) => x.one)), fmtRange(c.ceiling?.map((x) => x.padded)), fmtRange(c.ceiling?.map((x) => x.two))] : []),
        ]),
      });
    }
    const jm = res.cases.filter((c) => c.group === "jacmode");
    if (jm.length > 0) {
      const fns = [...new Set(jm.map((c) => c.title.replace(/, (forward|reverse)$/, "")))];
      const jcols = cols.filter((l) => jm.some((c) => cellOf(c, l.id)?.status === "ok"));
      const rows: string[][] = [];
      for (const fn of fns) {
        for (const l of jcols) {
          const get = (mode: string) => {
            const c = jm.find((x) => x.title === `${fn}, ${mode}`);
            const x = c && cellOf(c, l.id);
            return x?.status === "ok" ? x.ms! : undefined;
          };
          const f = get("forward"), r = get("reverse");
          rows.push([fn.replace(/^jacobian /, ""), l.label, f === undefined ? DASH : fmtTime(f), r === undefined ? DASH : fmtTime(r), f !== undefined && r !== undefined ? `${(r / f).toFixed(2)}` : DASH]);
        }
      }
      out.push({
        title: "Scaling: Jacobian by forward vs reverse mode (shapecalc jacobian(f, { mode }); jax-js jacfwd / jacrev)",
        note: "forward mode costs one pass per input entry (N), reverse one per output entry (M); shapecalc's default mode \"auto\" takes forward when N < M.",
        head: ["function", "library", "forward", "reverse", "reverse/forward"],
        rows,
      });
    }
    out.push({
      title: "Agreement: max |Δ| of the result against shapecalc (one run, before timing)",
      note: "float32 columns (tfjs, jax-js f32) differ at float32 precision.",
      head,
      rows: caseRows((_, x) => (x?.status === "ok" ? fmtDiff(x.maxDiff) : DASH)),
    });
    const tr = res.cases.find((c) => c.group === "train");
    if (tr) {
      out.push({
        title: `Training-step check: ${tr.title}, L = ½‖Y − tanh(AX + b·1ᵀ)‖²`,
        head: ["library", "L", "max |ΔL|", "max |Δ ∂L/∂A|", "max |Δ ∂L/∂b|"],
        rows: tr.cells
          .filter((x) => x.detail !== undefined)
          .map((x) => {
            const ref = cellOf(tr, "shapecalc")?.detail?.loss ?? NaN;
            const d = x.detail!;
            return [res.libs.find((l) => l.id === x.lib)?.label ?? x.lib, d.loss.toPrecision(12), fmtDiff(Math.abs(d.loss - ref)), fmtDiff(d.dA), fmtDiff(d.db)];
          }),
      });
    }
  }
  if (res.typecheck.length > 0) {
    const byKey = new Map(res.typecheck.map((t) => [`${t.compiler}/${t.model}`, t]));
    const compilers = [...new Set(res.typecheck.map((t) => t.compiler))];
    const rows: string[][] = [];
    for (const comp of compilers) {
      const typed = byKey.get(`${comp}/typed`), plain = byKey.get(`${comp}/plain`);
      const num = (v: number | undefined, f: (v: number) => string) => (v === undefined || Number.isNaN(v) ? DASH : f(v));
      const row = (model: string, t: TypecheckNumbers) =>
        rows.push([comp, model, num(t.checkMs, (v) => `${v.toFixed(0)} ms`), num(t.totalMs, (v) => `${v.toFixed(0)} ms`), num(t.wallMs, (v) => `${v.toFixed(0)} ms`), num(t.instantiations, (v) => v.toLocaleString("en-US")), num(t.types, (v) => v.toLocaleString("en-US")), t.error ?? (t.ok ? "ok" : "type errors")]);
      const r = (a?: number, b?: number) => (a === undefined || b === undefined || !b ? DASH : `×${(a / b).toFixed(2)}`);
      // The ratio row's last cell: the interval the printed resolution and the noise allow, and the verdict.
      const ratioRow = (model: string, t: TypecheckNumbers, p: TypecheckNumbers) => {
        const step = Math.max(t.checkResolutionMs ?? 0, p.checkResolutionMs ?? 0) || undefined;
        rows.push([comp, model, r(t.checkMs, p.checkMs), r(t.totalMs, p.totalMs), r(t.wallMs, p.wallMs), r(t.instantiations, p.instantiations), r(t.types, p.types), formatRatio(checkRatio(t, p), step).replace(/^×[0-9.]+ /, "")]);
      };
      if (typed) row("typed", typed);
      if (plain) row("plain", plain);
      if (typed && plain) ratioRow("typed/plain", typed, plain);
      if (typed?.scaled && plain?.scaled) {
        const k = typed.scaled.models;
        row(`typed ×${k}`, typed.scaled);
        row(`plain ×${k}`, plain.scaled);
        ratioRow(`typed/plain ×${k}`, typed.scaled, plain.scaled);
      }
    }
    out.push({
      title: "Type-check cost: 3-layer network, loss and gradients (bench/typecheck/model-typed.ts with shapecalc types vs model-plain.ts with number[][])",
      note: TYPECHECK_METHOD,
      head: ["compiler", "model", "check time", "total time", "wall (process)", "instantiations", "types", "result"],
      rows,
    });
  }
  return out;
}

function unsupportedLines(res: ResultLike): string[] {
  const lines: string[] = [];
  for (const l of columns(res)) {
    const missing = res.cases.filter((c) => cellOf(c, l.id)?.status === "n/a").map((c) => c.id);
    const errors = res.cases.filter((c) => cellOf(c, l.id)?.status === "error").map((c) => `${c.id} (${cellOf(c, l.id)!.reason})`);
    const reasons = [...new Set(res.cases.map((c) => cellOf(c, l.id)).filter((x) => x?.status === "n/a" && x.reason).map((x) => x!.reason!))];
    const has = res.cases.filter((c) => cellOf(c, l.id)?.status !== "n/a").map((c) => c.id);
    if (missing.length) lines.push(`${l.label}: ${has.length < missing.length ? `only ${has.join(", ")}` : `no ${missing.join(", ")}`}${reasons.length ? ` [${reasons.join("; ")}]` : ""}`);
    if (errors.length) lines.push(`${l.label}: failed on ${errors.join(", ")}`);
  }
  return lines;
}

function renderText(t: Table): string {
  const w = t.head.map((h, j) => Math.max([...h].length, ...t.rows.map((r) => [...(r[j] ?? "")].length)));
  const pad = (s: string, j: number) => (j === 0 ? s + " ".repeat(w[j] - [...s].length) : " ".repeat(w[j] - [...s].length) + s);
  const line = (r: string[]) => r.map((s, j) => pad(s, j)).join("  ");
  return [t.title, ...(t.note ? [`(${t.note})`] : []), line(t.head), w.map((x) => "-".repeat(x)).join("  "), ...t.rows.map(line)].join("\n");
}

function renderMd(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`### ${t.title}`, "", ...(t.note ? [t.note, ""] : []), `| ${t.head.map(esc).join(" | ")} |`, `|${t.head.map((_, j) => (j === 0 ? "---" : "---:")).join("|")}|`, ...t.rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
}

export function formatConsole(res: ResultLike, meta: Meta): string {
  const parts = tables(res).map(renderText);
  const un = unsupportedLines(res);
  if (un.length) parts.push(["Could not run (printed –)", ...un.map((l) => `  ${l}`)].join("\n"));
  parts.push(["Notes", ...res.libs.filter((l) => l.note).map((l) => `  ${l.label}: ${l.note}`), ...res.notes.map((n) => `  ${n}`)].join("\n"));
  parts.push(`${meta.info.cpu}, ${meta.info.cores} cores, Node ${meta.info.node}; ${meta.seconds.toFixed(0)} s`);
  return parts.join("\n\n");
}

export function formatMarkdown(res: ResultLike, meta: Meta): string {
  const i = meta.info;
  const head = [
    "# shapecalc vs JavaScript peers: side-by-side benchmark",
    "",
    "Generated by `npm run bench` (bench/index.ts). Do not edit by hand.",
    "",
    `- Machine: ${i.cpu}, ${i.cores} cores (os.cpus()), ${i.memGiB} GiB, ${i.platform}`,
    `- Node ${i.node}`,
    `- Date: ${meta.date.toISOString()}`,
    `- Method: one process; per case, every library is checked against shapecalc, warmed up, then timed in ${meta.samples} alternating samples (each sample of a library ≈ 20 ms of back-to-back calls, rotated order); figures are medians per op. One thread everywhere, except shapecalc's products of 256³ multiply-adds or more (two threads, as for users). Total run ${meta.seconds.toFixed(0)} s.${meta.quick ? " **Quick mode: tiny sizes, 1 sample — not a measurement.**" : ""}${meta.only ? ` Only: ${meta.only}.` : ""}`,
    "- The machine may be shared: treat differences below ~20% as noise.",
    "",
  ];
  const body = tables(res).map(renderMd);
  const un = unsupportedLines(res);
  const tail = [
    ...(un.length ? ["### Could not run (–)", "", ...un.map((l) => `- ${l}`), ""] : []),
    "### Libraries and notes",
    "",
    ...res.libs.filter((l) => l.note).map((l) => `- **${l.label}**: ${l.note}`),
    ...res.notes.map((n) => `- ${n}`),
    "",
  ];
  return [...head, body.join("\n\n"), "", ...tail].join("\n");
}
