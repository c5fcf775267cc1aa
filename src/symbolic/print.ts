/**
 * Printing expressions as the notes write them: plain text with Unicode (ᵀ, ⁻¹, ⁻ᵀ, ⊙, ⊗, ·, ‖x‖,
 * tr, det, log, σ, softmax) or LaTeX.
 *
 * Canonical form: products are juxtaposed (abᵀ, xᵀ(B + Bᵀ), −2Φᵀ(y − Φθ)); "·" separates a
 * non-constant scalar factor (det(X)·X⁻ᵀ) and multi-letter names; numeric coefficients come first;
 * sums print their terms in order with "−" for negative coefficients; ⊙ and ⊗ bind looser than a
 * juxtaposed product (their operands are parenthesised when they are products). The library's
 * composite forms are recognised: exp(z − lse(z)) prints softmax(z), 1ᵀdiagPart(X) prints tr(X),
 * √‖x‖² prints ‖x‖. A subexpression that occurs more than once and is not short is named once
 * ("…, where T₁ = tanh(AX + b1ᵀ)"). The structured constants of the Kronecker forms print as what
 * they are: a selection as rows of the identity in slice notation (I[1:3, :], I[::4, :]), its
 * transpose as columns (I[:, 1:3]), the shuffle of kron as I ⊗ K ⊗ I (see structured.ts).
 */
import { isOnes, isOp, isScalarShape, numberOf, type Expr, type OpNode } from "./expr";
import { structText } from "./structured";

const SUM = 0, HAD = 1, PROD = 2, ATOM = 3;

interface Out {
  readonly s: string;
  readonly p: number;
}

interface Style {
  readonly latex: boolean;
  readonly T: string;
  readonly inv: string;
  readonly invT: string;
  readonly minus: string;
  readonly had: string;
  readonly kron: string;
  readonly dot: string;
  readonly one: string;
  readonly I: string;
  readonly K: string;
  open(s: string): string;
  fn(name: string, arg: string): string;
  sup(base: string, power: string): string;
  norm(x: string, squared: boolean): string;
  abs(x: string): string;
  name(n: string): string;
  sub(i: number): string;
  frac(a: string, b: string): string;
}

const GREEK: Record<string, [string, string]> = {
  alpha: ["α", "\\alpha"], beta: ["β", "\\beta"], gamma: ["γ", "\\gamma"], delta: ["δ", "\\delta"], epsilon: ["ε", "\\epsilon"],
  eta: ["η", "\\eta"], theta: ["θ", "\\theta"], lambda: ["λ", "\\lambda"], mu: ["μ", "\\mu"], nu: ["ν", "\\nu"], xi: ["ξ", "\\xi"],
  pi: ["π", "\\pi"], rho: ["ρ", "\\rho"], sigma: ["σ", "\\sigma"], tau: ["τ", "\\tau"], phi: ["φ", "\\phi"], chi: ["χ", "\\chi"],
  psi: ["ψ", "\\psi"], omega: ["ω", "\\omega"], Gamma: ["Γ", "\\Gamma"], Delta: ["Δ", "\\Delta"], Theta: ["Θ", "\\Theta"],
  Lambda: ["Λ", "\\Lambda"], Xi: ["Ξ", "\\Xi"], Pi: ["Π", "\\Pi"], Sigma: ["Σ", "\\Sigma"], Phi: ["Φ", "\\Phi"], Psi: ["Ψ", "\\Psi"], Omega: ["Ω", "\\Omega"],
};
const LATEX_OF: Record<string, string> = Object.fromEntries(Object.values(GREEK).map(([u, l]) => [u, l]));
const SUBSCRIPT = "₀₁₂₃₄₅₆₇₈₉";
const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function splitName(n: string): [string, string] {
  const m = /^(.*?)_?(\d+)$/.exec(n);
  return m !== null && m[1].length > 0 ? [m[1], m[2]] : [n, ""];
}

const TEXT: Style = {
  latex: false,
  T: "ᵀ",
  inv: "⁻¹",
  invT: "⁻ᵀ",
  minus: "−",
  had: " ⊙ ",
  kron: " ⊗ ",
  dot: "·",
  one: "1",
  I: "I",
  K: "K",
  open: (s) => `(${s})`,
  fn: (name, arg) => `${name}(${arg})`,
  sup: (base, p) => base + (/^\d+$/.test(p) ? [...p].map((d) => SUPERSCRIPT[+d]).join("") : `^${p}`),
  norm: (x, sq) => `‖${x}‖${sq ? "²" : ""}`,
  abs: (x) => `|${x}|`,
  name(n) {
    const [base, digits] = splitName(n);
    return (GREEK[base]?.[0] ?? base) + [...digits].map((d) => SUBSCRIPT[+d]).join("");
  },
  sub: (i) => "T" + [...String(i)].map((d) => SUBSCRIPT[+d]).join(""),
  frac: (a, b) => `${a}/${b}`,
};

const FN_LATEX: Record<string, string> = { exp: "\\exp", log: "\\log", sin: "\\sin", cos: "\\cos", tanh: "\\tanh", det: "\\det", "σ": "\\sigma", tr: "\\operatorname{tr}" };

const LATEX: Style = {
  latex: true,
  T: "^\\top",
  inv: "^{-1}",
  invT: "^{-\\top}",
  minus: "-",
  had: " \\odot ",
  kron: " \\otimes ",
  dot: " \\cdot ",
  one: "\\mathbf{1}",
  I: "I",
  K: "K",
  open: (s) => `\\left(${s}\\right)`,
  fn: (name, arg) => `${FN_LATEX[name] ?? `\\operatorname{${name.replace(/ /g, "\\ ")}}`}\\left(${arg}\\right)`,
  sup: (base, p) => `{${base}}^{${p}}`,
  norm: (x, sq) => `\\left\\|${x}\\right\\|${sq ? "^2" : ""}`,
  abs: (x) => `\\left|${x}\\right|`,
  name(n) {
    const [base, digits] = splitName(n);
    const b = GREEK[base]?.[1] ?? LATEX_OF[base] ?? (base.length > 1 ? `\\mathrm{${base}}` : base);
    return digits ? `${b}_{${digits}}` : b;
  },
  sub: (i) => `T_{${i}}`,
  frac: (a, b) => `\\frac{${a}}{${b}}`,
};

function fmtNumber(x: number): string {
  if (Number.isInteger(x)) return String(Math.abs(x));
  return String(Number(Math.abs(x).toPrecision(6)));
}

/** Plain-text rendering with Unicode; repeated subexpressions named once. */
export function toText(e: Expr): string {
  return render(e, TEXT);
}

/** LaTeX rendering. */
export function toLatex(e: Expr): string {
  return render(e, LATEX);
}

/** Postfix marks apply to a whole atom: Xᵀ, (AB)ᵀ, tanh(z)ᵀ. */
function postfix(st: Style, o: Out, mark: string): string {
  const base = o.p >= ATOM ? o.s : st.open(o.s);
  if (st.latex && /\^/.test(base) && !/^\\left\(/.test(base)) return `{${base}}${mark}`;
  return base + mark;
}

function render(root: Expr, st: Style): string {
  // pass 1 (in plain text, so both styles name the same nodes): count how often each node is used by
  // the printed form (memoised, so a DAG is walked once)
  const uses = new Map<number, number>();
  const texts = new Map<number, Out>();
  const countingChild = (e: Expr): Out => {
    uses.set(e.id, (uses.get(e.id) ?? 0) + 1);
    return memo(e);
  };
  const memo = (e: Expr): Out => {
    let o = texts.get(e.id);
    if (o === undefined) {
      o = printNode(e, TEXT, countingChild, new Map());
      texts.set(e.id, o);
    }
    return o;
  };
  memo(root);
  // name the repeated, non-trivial subexpressions (inner ones first)
  const names = new Map<number, number>();
  const order: Expr[] = [];
  const seen = new Set<number>();
  const walk = (e: Expr): void => {
    if (seen.has(e.id)) return;
    seen.add(e.id);
    if (e.kind === "op") e.args.forEach(walk);
    if (e !== root && (uses.get(e.id) ?? 0) >= 2 && e.kind === "op" && visibleLength(texts.get(e.id)!.s) > 8) order.push(e);
  };
  walk(root);
  order.forEach((e, i) => names.set(e.id, i + 1));
  if (names.size === 0 && st === TEXT) return texts.get(root.id)!.s;
  // pass 2: print with the names
  const texts2 = new Map<number, Out>();
  const child = (e: Expr): Out => {
    const k = names.get(e.id);
    if (k !== undefined) return { s: st.sub(k), p: ATOM };
    let o = texts2.get(e.id);
    if (o === undefined) {
      o = printNode(e, st, child, names);
      texts2.set(e.id, o);
    }
    return o;
  };
  const main = printNode(root, st, child, names).s;
  if (defs0(order)) return main;
  const defs = order.map((e) => `${st.sub(names.get(e.id)!)} = ${printNode(e, st, child, names).s}`);
  return st.latex ? `${main}, \\quad \\text{where } ${defs.join(", ")}` : `${main}, where ${defs.join(", ")}`;
}

function defs0(order: readonly Expr[]): boolean {
  return order.length === 0;
}

function visibleLength(s: string): number {
  return [...s].length;
}

interface Term {
  readonly neg: boolean;
  readonly s: string;
}

/** One node (its children through `c`, which may name them). */
function printNode(e: Expr, st: Style, c: (e: Expr) => Out, names: ReadonlyMap<number, number>): Out {
  if (e.kind === "sym") return { s: st.name(e.name), p: ATOM };
  if (e.kind === "const") return printConst(e, st);
  const at = (x: Expr, p: number): string => {
    const o = c(x);
    return o.p >= p ? o.s : st.open(o.s);
  };
  const named = (x: Expr): boolean => names.has(x.id);
  const [a, b] = e.args;
  switch (e.op) {
    case "add":
    case "sub":
    case "addBroadcast":
    case "addScalar":
      return sumOf(e, st, c, named);
    case "scale": {
      const k = numberOf(b);
      if (k === null && isOp(b, "div") && isOnes(b.args[0]) && !named(b)) {
        return st.latex ? { s: st.frac(c(a).s, c(b.args[1]).s), p: ATOM } : { s: `${at(a, ATOM)}/${at(b.args[1], ATOM)}`, p: PROD }; // x/‖x‖
      }
      if (k === null) return { s: `${at(b, ATOM)}${st.dot}${at(a, PROD)}`, p: PROD };
      const body = at(a, PROD);
      const coef = Math.abs(k) === 1 ? "" : fmtNumber(k) + (/^[\d.]/.test(body) || st.latex && /^\d/.test(body) ? st.dot : st.latex ? " " : "");
      return k < 0 ? { s: `${st.minus}${coef}${body}`, p: SUM } : { s: coef + body, p: PROD };
    }
    case "matmul":
      return { s: joinProduct(chainOf(e, named).map((f) => at(f, ATOM)), st), p: PROD };
    case "transpose":
      if (isOp(a, "inv") && !named(a)) return { s: postfix(st, c(a.args[0]), st.invT), p: ATOM };
      return { s: postfix(st, c(a), st.T), p: ATOM };
    case "inv":
      return { s: postfix(st, c(a), st.inv), p: ATOM };
    case "mul":
      return { s: hadChain(e, named).map((f) => at(f, ATOM)).join(st.had), p: HAD };
    case "div":
      if (isScalarShape(e)) return st.latex ? { s: st.frac(c(a).s, c(b).s), p: ATOM } : { s: `${at(a, ATOM)}/${at(b, ATOM)}`, p: PROD };
      return { s: `${at(a, ATOM)}${st.latex ? " \\oslash " : " ⊘ "}${at(b, ATOM)}`, p: HAD };
    case "divScalar":
      return st.latex ? { s: st.frac(c(a).s, c(b).s), p: ATOM } : { s: `${at(a, ATOM)}/${at(b, ATOM)}`, p: PROD };
    case "kron":
      return { s: `${at(a, ATOM)}${st.kron}${at(b, ATOM)}`, p: HAD };
    case "exp": {
      const sm = softmaxArg(a, named);
      if (sm !== null) return { s: st.fn("softmax", c(sm.z).s) + (sm.axis === 1 ? (st.latex ? "_{\\text{rows}}" : "₍rows₎") : ""), p: ATOM };
      return { s: st.fn("exp", c(a).s), p: ATOM };
    }
    case "log":
    case "sin":
    case "cos":
    case "tanh":
    case "relu":
    case "sign":
    case "softplus":
    case "step":
      return { s: st.fn(e.op, c(a).s), p: ATOM };
    case "sigmoid":
      return { s: st.fn("σ", c(a).s), p: ATOM };
    case "logSigmoid":
      return { s: st.latex ? `\\log\\sigma\\left(${c(a).s}\\right)` : `log σ(${c(a).s})`, p: ATOM };
    case "abs":
      return { s: st.abs(c(a).s), p: ATOM };
    case "sqrt":
      if (isOp(a, "sumSquares") && !named(a)) return { s: st.norm(c(a.args[0]).s, false), p: ATOM };
      return { s: st.latex ? `\\sqrt{${c(a).s}}` : `√${at(a, ATOM)}`, p: ATOM };
    case "pow": {
      const p = e.params as number;
      return { s: power(a, String(p), st, c, named), p: ATOM };
    }
    case "tanhGrad":
    case "sigmoidGrad": {
      const y = c(a);
      const d = e.op === "tanhGrad" ? `1 ${st.minus} ${power(a, "2", st, c, named)}` : `${at(a, ATOM)}${st.had}${st.open(`1 ${st.minus} ${y.s}`)}`;
      if (isOnes(b)) return { s: d, p: e.op === "tanhGrad" ? SUM : HAD };
      return { s: `${e.op === "tanhGrad" ? st.open(d) : d}${st.had}${at(b, ATOM)}`, p: HAD };
    }
    case "sum": {
      const axis = e.params as 0 | 1 | undefined;
      if (isOp(a, "diagPart") && axis === undefined && !named(a)) return { s: st.fn("tr", c(a.args[0]).s), p: ATOM };
      const one = st.one, oneT = postfix(st, { s: one, p: ATOM }, st.T);
      const x = at(a, PROD);
      if (axis === 0) return { s: `${oneT}${x}`, p: PROD };
      if (axis === 1) return { s: `${x}${one}`, p: PROD };
      if (a.cols === 1) return { s: `${oneT}${x}`, p: PROD };
      if (a.rows === 1) return { s: `${x}${one}`, p: PROD };
      return { s: `${oneT}${x}${one}`, p: PROD };
    }
    case "sumSquares":
      return { s: st.norm(c(a).s, true), p: ATOM };
    case "det":
      return { s: st.fn("det", c(a).s), p: ATOM };
    case "logAbsDet":
      return { s: st.latex ? `\\log\\left|\\det ${at(a, ATOM)}\\right|` : `log|det ${at(a, ATOM)}|`, p: ATOM };
    case "logSumExp": {
      const axis = e.params as 0 | 1 | undefined;
      const ex = st.fn("exp", c(a).s), one = st.one, oneT = postfix(st, { s: one, p: ATOM }, st.T);
      const inner = axis === 0 || (axis === undefined && a.cols === 1) ? `${oneT}${ex}` : axis === 1 || a.rows === 1 ? `${ex}${one}` : `${oneT}${ex}${one}`;
      return { s: st.fn("log", inner), p: ATOM };
    }
    case "fill": {
      const s = at(a, ATOM);
      return { s: `${s}${st.dot}${onesText(e.rows, e.cols, st)}`, p: PROD };
    }
    case "repeat": {
      const { axis } = e.params as { axis: 0 | 1 };
      const x = at(a, ATOM);
      return { s: axis === 1 ? `${x}${postfix(st, { s: st.one, p: ATOM }, st.T)}` : `${st.one}${x}`, p: PROD };
    }
    case "reshape": {
      if (e.cols === 1) return { s: st.fn("vec", c(a).s), p: ATOM };
      if (e.rows === 1) return { s: postfix(st, { s: st.fn("vec", c(a).s), p: ATOM }, st.T), p: ATOM };
      return { s: st.fn("reshape", `${c(a).s}, ${e.rows}×${e.cols}`), p: ATOM };
    }
    case "slice": {
      const w = e.params as { r0: number; c0: number; rows: number; cols: number };
      const rng = (s: number, n: number, full: number): string => (n === full && s === 0 ? ":" : n === 1 ? String(s) : `${s}:${s + n}`);
      return { s: `${at(a, ATOM)}[${rng(w.r0, w.rows, a.rows)}, ${rng(w.c0, w.cols, a.cols)}]`, p: ATOM };
    }
    case "concat":
      return { s: `[${e.args.map((x) => c(x).s).join(e.params === 0 ? "; " : ", ")}]`, p: ATOM };
    case "assemble": {
      const rows: string[] = [];
      for (let i = 0; i < e.rows; i++) rows.push(e.args.slice(i * e.cols, (i + 1) * e.cols).map((x) => c(x).s).join(", "));
      return { s: `[${rows.join("; ")}]`, p: ATOM };
    }
    case "solve":
      return { s: `${postfix(st, c(a), st.inv)}${at(b, ATOM)}`, p: PROD };
    case "max":
      return { s: st.fn("max", c(a).s), p: ATOM };
    case "onehotMax":
      return { s: st.fn("onehot", `argmax ${at(a, ATOM)}`), p: ATOM };
    default:
      return { s: st.fn(e.op, e.args.map((x) => c(x).s).join(", ")), p: ATOM };
  }
}

function onesText(rows: number, cols: number, st: Style): string {
  const oneT = postfix(st, { s: st.one, p: ATOM }, st.T);
  return cols === 1 ? st.one : rows === 1 ? oneT : `${st.one}${oneT}`;
}

function printConst(e: Expr & { kind: "const" }, st: Style): Out {
  if (e.tag === "zero") return { s: "0", p: ATOM };
  if (e.tag === "identity") return { s: st.I, p: ATOM };
  if (e.tag === "comm") return { s: st.K, p: ATOM };
  if (e.tag === "struct") {
    const o = structText(e.spec!, st.I, st.K, st.kron);
    return { s: o.s, p: o.kron ? HAD : ATOM };
  }
  if (isScalarShape(e)) {
    const v = numberOf(e)!;
    return { s: (v < 0 ? st.minus : "") + fmtNumber(v), p: v < 0 ? SUM : ATOM };
  }
  if (e.tag === "fill") {
    const v = e.value, ones = onesText(e.rows, e.cols, st);
    if (v === 1) return { s: ones, p: e.rows > 1 && e.cols > 1 ? PROD : ATOM };
    return { s: `${v < 0 ? st.minus : ""}${fmtNumber(v)}${st.dot}${ones}`, p: v < 0 ? SUM : PROD };
  }
  const d = e.data;
  if (e.rows * e.cols <= 9) {
    const rows: string[] = [];
    for (let i = 0; i < e.rows; i++) rows.push(Array.from(d.subarray(i * e.cols, (i + 1) * e.cols), (v) => (v < 0 ? st.minus : "") + fmtNumber(v)).join(", "));
    return { s: st.latex ? `\\begin{bmatrix}${rows.map((r) => r.replace(/, /g, " & ")).join(" \\\\ ")}\\end{bmatrix}` : `[${rows.join("; ")}]`, p: ATOM };
  }
  return { s: st.latex ? `C_{${e.rows}\\times ${e.cols}}` : `C${e.rows}×${e.cols}`, p: ATOM };
}

/** Factors of a product chain, not descending into named nodes. */
function chainOf(e: Expr, named: (x: Expr) => boolean): Expr[] {
  if (!isOp(e, "matmul")) return [e];
  return e.args.flatMap((x) => (named(x) ? [x] : chainOf(x, named)));
}

function hadChain(e: Expr, named: (x: Expr) => boolean): Expr[] {
  if (!isOp(e, "mul")) return [e];
  return e.args.flatMap((x) => (named(x) ? [x] : hadChain(x, named)));
}

/** Juxtaposes factors, with "·" where two identifiers would run together (W1·x, not W1x). */
function joinProduct(fs: string[], st: Style): string {
  if (st.latex) return fs.join(" ");
  let s = fs[0];
  for (let i = 1; i < fs.length; i++) {
    const left = /[A-Za-z0-9]+$/.exec(s)?.[0] ?? "", right = /^[A-Za-z0-9]+/.exec(fs[i])?.[0] ?? "";
    s += left !== "" && right !== "" && (left.length > 1 || right.length > 1 || /\d/.test(left + right)) ? "·" + fs[i] : fs[i];
  }
  return s;
}

/** x², tanh²(z) for a function application. */
function power(x: Expr, p: string, st: Style, c: (e: Expr) => Out, named: (x: Expr) => boolean): string {
  const o = c(x);
  if (x.kind === "op" && !named(x) && ["tanh", "sin", "cos", "sigmoid", "log", "exp"].includes(x.op)) {
    const name = x.op === "sigmoid" ? (st.latex ? "\\sigma" : "σ") : st.latex ? FN_LATEX[x.op] : x.op;
    const inner = c(x.args[0]).s;
    return st.latex ? `${name}^{${p}}\\left(${inner}\\right)` : `${st.sup(name, p)}(${inner})`;
  }
  return st.sup(o.p >= ATOM ? o.s : st.open(o.s), p);
}

/** exp(z − lse(z)·1…) → softmax(z). */
function softmaxArg(a: Expr, named: (x: Expr) => boolean): { z: Expr; axis: 0 | 1 | undefined } | null {
  if (!isOp(a, "sub") || named(a)) return null;
  const [z, s] = a.args;
  let l: Expr | null = null;
  if (isOp(s, "fill")) l = s.args[0];
  else if (isOp(s, "repeat")) l = s.args[0];
  else if (isScalarShape(z) && isOp(s, "logSumExp")) l = s;
  if (l === null || !isOp(l, "logSumExp") || l.args[0] !== z) return null;
  return { z, axis: l.params as 0 | 1 | undefined };
}

/** Terms of a sum with their signs, flattened (a − (b + c) prints a − b − c). */
function sumOf(e: OpNode, st: Style, c: (e: Expr) => Out, named: (x: Expr) => boolean): Out {
  const terms: Term[] = [];
  const push = (x: Expr, neg: boolean): void => {
    if ((x === e || !named(x)) && x.kind === "op") {
      const [a, b] = x.args;
      switch (x.op) {
        case "add":
          push(a, neg);
          push(b, neg);
          return;
        case "sub":
          push(a, neg);
          push(b, !neg);
          return;
        case "addBroadcast":
          push(a, neg);
          terms.push({ neg, s: x.params === 1 ? `${atP(b, c, st)}${postfix(st, { s: st.one, p: ATOM }, st.T)}` : `${st.one}${atP(b, c, st)}` });
          return;
        case "addScalar":
          push(a, neg);
          push(b, neg);
          return;
        case "scale": {
          const k = numberOf(b);
          if (k !== null && k < 0) {
            const o = c(x);
            terms.push({ neg: !neg, s: o.s.slice(st.minus.length) });
            return;
          }
          break;
        }
      }
    }
    if (x.kind === "const" && isScalarShape(x) && numberOf(x)! < 0) {
      terms.push({ neg: !neg, s: fmtNumber(numberOf(x)!) });
      return;
    }
    const o = c(x);
    terms.push({ neg, s: o.p > SUM ? o.s : st.open(o.s) });
  };
  push(e, false);
  const s = terms.map((t, i) => (i === 0 ? (t.neg ? st.minus : "") + t.s : `${t.neg ? ` ${st.minus} ` : " + "}${t.s}`)).join("");
  return { s, p: SUM };
}

function atP(x: Expr, c: (e: Expr) => Out, st: Style): string {
  const o = c(x);
  return o.p >= ATOM ? o.s : st.open(o.s);
}
