/** Every numerical tolerance the test suite uses, in one place. */

/** Closed forms evaluated in float64 against hand-computed values. */
export const CLOSED_FORM_RTOL = 1e-12;
/** Special functions (Lanczos ln Γ, asymptotic ψ) against tabulated values. */
export const SPECIAL_FUNCTION_RTOL = 1e-12;
/** Analytic derivatives against central finite differences (float64). */
export const FINITE_DIFFERENCE_RTOL = 1e-5;
/** Root solvers and minimizers against their defining equation. */
export const SOLVER_ATOL = 1e-12;
/** Seeded Monte Carlo estimates: this many standard errors. */
export const MONTE_CARLO_SIGMAS = 4;

/** Relative difference |a − b| / max(|a|, |b|, tiny). */
export function relativeError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** Central finite difference of f at x with step h. */
export function centralDifference(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
