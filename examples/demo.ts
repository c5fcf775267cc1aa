/**
 * The main job (`npm run demo`): curve fitting from seed 002 end to end — a polynomial fitted by the
 * normal equations and by gradient descent, a small tanh network trained with Adam, the notes'
 * closed-form gradients checked against shapecalc, a summary table and two SVG figures.
 *
 *   npm run demo                       # figures in out/demo/
 *   npm run demo -- --out /tmp/figs    # somewhere else
 *   npm run demo -- --steps 1000       # fewer Adam steps for the network
 */
import { runDemo } from "./demo/run";

function parseArgs(argv: string[]): { out: string; steps?: number; polySteps?: number; quiet: boolean } {
  const args = { out: "out/demo", steps: undefined as number | undefined, polySteps: undefined as number | undefined, quiet: false };
  const count = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer, got ${v ?? "nothing"}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out" || a === "-o") {
      const v = argv[++i];
      if (v === undefined) throw new Error("--out needs a folder");
      args.out = v;
    } else if (a.startsWith("--out=")) args.out = a.slice("--out=".length);
    else if (a === "--steps") args.steps = count(a, argv[++i]);
    else if (a === "--poly-steps") args.polySteps = count(a, argv[++i]);
    else if (a === "--quiet" || a === "-q") args.quiet = true;
    else if (a === "--help" || a === "-h") {
      console.log("usage: npm run demo -- [--out <dir>] [--steps <n>] [--poly-steps <n>] [--quiet]");
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return args;
}

try {
  runDemo(parseArgs(process.argv.slice(2)));
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
