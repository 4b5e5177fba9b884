// A small L2-regularised logistic regression fitted by Newton's method (IRLS): a handful of
// features and some tens of thousands of pairs converge in a few iterations, exactly.

export interface Sample {
  x: readonly number[];
  y: 0 | 1;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    const pivot = m.slice(c).reduce((best, row, i) => (Math.abs(row[c]!) > Math.abs(m[best]![c]!) ? c + i : best), c);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let k = r + 1; k < n; k++) sum -= m[r]![k]! * x[k]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}

/** Newton step: gradient and Hessian of the penalised log loss at w (w[0] is the bias, unpenalised). */
function newtonStep(samples: readonly Sample[], w: number[], l2: number): number[] {
  const n = w.length;
  const gradient = w.map((wi, i) => (i === 0 ? 0 : l2 * wi));
  const hessian = w.map((_, i) => w.map((__, j) => (i === j && i > 0 ? l2 : 0)));
  for (const { x, y } of samples) {
    const row = [1, ...x];
    const p = sigmoid(row.reduce((s, xi, i) => s + xi * w[i]!, 0));
    for (let i = 0; i < n; i++) {
      gradient[i]! += (p - y) * row[i]!;
      for (let j = 0; j < n; j++) hessian[i]![j]! += p * (1 - p) * row[i]! * row[j]!;
    }
  }
  return solve(hessian, gradient);
}

/** Weights [bias, ...one per feature]. */
export function fitLogistic(samples: readonly Sample[], l2 = 1, iterations = 25): number[] {
  let w = new Array<number>((samples[0]?.x.length ?? 0) + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const step = newtonStep(samples, w, l2);
    w = w.map((wi, i) => wi - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}
