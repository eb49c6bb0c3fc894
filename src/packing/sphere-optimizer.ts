/**
 * Riemannian first-order optimisation of n unit vectors in R^d (docs/ARCHITECTURE.md §2): the
 * product of n spheres, one per column of V [d, n]. Each step computes G = VᵀV
 * (`gram`), the objective's ∂L/∂G, the Euclidean gradient 2 V·∂L/∂G
 * (`gramTimes`) — the three in one backend call where the objective has a fused
 * kernel (power: `powerPackingGradient`) — projects it per column onto the tangent space
 * (g_j ← g_j − (v_j·g_j) v_j), takes an Adam or heavy-ball momentum step, and
 * retracts by normalising each column (Absil, Mahony & Sepulchre 2008, §4.1;
 * Becigneul & Ganea 2019 for Riemannian Adam, whose moments are carried along by
 * re-projection onto the new tangent space).
 *
 * Learning rate: constant, or cosine-decayed to `minLrFactor`·lr.
 * Stopping: `steps` at most; earlier when the objective fell by less than
 * `relativeTolerance` (relative) over the last `window` steps (not for annealed
 * objectives, whose surrogate changes under them). Divergence (a non-finite loss
 * or gradient, or a column of zero norm) stops the run and is reported, never
 * silently returned as a result.
 */
import { checkInteger } from '../core/check-args.js';
import type { Objective } from './objectives/objective.js';
import { gram } from '../core/gram.js';
import { gramTimes } from '../core/gram-times.js';
import type { ResolvedPackRun } from './pack-run-schema.js';

/**
 * The optimizer's settings: the packing run's fields of that name (./pack-run-schema.ts),
 * every one explicit — `optimizer` 'adam' or 'momentum' (heavy ball), `lr` the base rate,
 * `schedule` 'cosine' (decayed to `minLrFactor`·lr) or 'constant', `beta1` (Adam's β₁, or
 * momentum's coefficient), `beta2`, and the stopping rule `relativeTolerance` over
 * `window` steps.
 */
export type SphereSettings = Pick<
  ResolvedPackRun,
  | 'steps'
  | 'optimizer'
  | 'lr'
  | 'schedule'
  | 'minLrFactor'
  | 'beta1'
  | 'beta2'
  | 'relativeTolerance'
  | 'window'
>;

/** Progress reports: `onProgress` every `every` steps and at the end. */
export interface SphereProgress {
  onProgress: (progress: StepProgress) => void;
  every: number;
}

/** What a progress callback receives. */
export interface StepProgress {
  step: number;
  steps: number;
  /** The optimised (surrogate) loss at this step. */
  loss: number;
  learningRate: number;
}

/** Why a run stopped. */
export type StopReason = 'max-steps' | 'converged' | 'diverged';

/** The outcome of one run; V is updated in place. */
export interface SphereRun {
  /** The objective's exact (reported) loss at the final V. */
  loss: number;
  /** The optimised surrogate at the final V. */
  surrogateLoss: number;
  steps: number;
  stopReason: StopReason;
  /** For 'diverged': what went non-finite, and at which step. */
  message?: string;
}

/** Buffers for one (d, n); reuse across runs of the same shape. */
export interface SphereWorkspace {
  d: number;
  n: number;
  /** [d, n] float32 copy of V for the core's kernels. */
  V32: Float32Array;
  G: Float32Array; // [n, n]
  dLdG: Float32Array; // [n, n]
  VA: Float32Array; // [d, n] = V·dL/dG
  grad: Float64Array; // [d, n]
  m: Float64Array; // [d, n]
  v: Float64Array; // [d, n]
  colDot: Float64Array; // [n]
}

/** Allocates the buffers for a (d, n) problem. */
export function createSphereWorkspace(d: number, n: number): SphereWorkspace {
  checkInteger('createSphereWorkspace', 'd', d, 1);
  checkInteger('createSphereWorkspace', 'n', n, 1);
  return {
    d,
    n,
    V32: new Float32Array(d * n),
    G: new Float32Array(n * n),
    dLdG: new Float32Array(n * n),
    VA: new Float32Array(d * n),
    grad: new Float64Array(d * n),
    m: new Float64Array(d * n),
    v: new Float64Array(d * n),
    colDot: new Float64Array(n),
  };
}

/** Normalises every column of V [d, n]; returns false when a column has zero or non-finite norm. */
export function normalizeColumns(
  V: Float64Array,
  d: number,
  n: number,
  norms: Float64Array,
): boolean {
  norms.fill(0);
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) norms[j] += V[row + j] * V[row + j];
  }
  for (let j = 0; j < n; j++) {
    if (!(norms[j] > 0) || !Number.isFinite(norms[j])) return false;
    norms[j] = 1 / Math.sqrt(norms[j]);
  }
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) V[row + j] *= norms[j];
  }
  return true;
}

/** X ← X − diag-wise (v_j·x_j) v_j: projects each column of X [d, n] onto the tangent space at V. */
function projectTangent(
  X: Float64Array,
  V: Float64Array,
  d: number,
  n: number,
  dots: Float64Array,
) {
  dots.fill(0);
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) dots[j] += V[row + j] * X[row + j];
  }
  for (let r = 0; r < d; r++) {
    const row = r * n;
    for (let j = 0; j < n; j++) X[row + j] -= dots[j] * V[row + j];
  }
}

/**
 * Minimises `objective` over unit columns of V [d, n], starting from V (normalised
 * first) and updating it in place. V and the Adam moments are float64; G, ∂L/∂G and
 * V·∂L/∂G are float32, the compute core's format.
 */
export function optimizeOnSpheres(
  V: Float64Array,
  d: number,
  n: number,
  objective: Objective,
  settings: SphereSettings,
  workspace: SphereWorkspace = createSphereWorkspace(d, n),
  progress?: SphereProgress,
): SphereRun {
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`d must be an integer ≥ 1, got ${d}`);
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`n must be an integer ≥ 2, got ${n}`);
  if (V.length !== d * n)
    throw new RangeError(`V must have d·n = ${d * n} entries, got ${V.length}`);
  if (workspace.d !== d || workspace.n !== n) {
    throw new RangeError(
      `workspace is for (d, n) = (${workspace.d}, ${workspace.n}), not (${d}, ${n})`,
    );
  }
  const { steps, window } = settings;
  const method = settings.optimizer;
  const lr0 = settings.lr;
  const cosine = settings.schedule === 'cosine';
  const floor = settings.minLrFactor;
  const b1 = settings.beta1;
  const b2 = settings.beta2;
  const relTol = settings.relativeTolerance;
  const every = progress?.every ?? 100;
  const onProgress = progress?.onProgress;
  const { V32, G, dLdG, VA, grad, m, v, colDot } = workspace;
  m.fill(0);
  v.fill(0);
  const eps = 1e-12;

  if (!normalizeColumns(V, d, n, colDot)) {
    return {
      loss: NaN,
      surrogateLoss: NaN,
      steps: 0,
      stopReason: 'diverged',
      message: 'initial V has a zero or non-finite column',
    };
  }
  let checkpoint = Infinity;
  let loss = NaN;
  let lr = lr0;
  let step = 0;
  let stopReason: StopReason = 'max-steps';
  let message: string | undefined;
  let b1t = 1;
  let b2t = 1;
  for (step = 0; step < steps; step++) {
    const t = steps === 1 ? 1 : step / (steps - 1);
    objective.anneal(t);
    lr = cosine ? lr0 * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * t))) : lr0;
    V32.set(V);
    if (objective.fusedGradient) loss = objective.fusedGradient(VA, V32, G, d, n);
    else {
      gram(G, V32, d, n);
      loss = objective.value(G, n, dLdG);
    }
    if (!Number.isFinite(loss)) {
      stopReason = 'diverged';
      message = `diverged at step ${step}: loss = ${loss}`;
      break;
    }
    if (onProgress && step % every === 0) onProgress({ step, steps, loss, learningRate: lr });
    if (step % window === 0) {
      if (!objective.annealed && step > 0 && checkpoint - loss <= relTol * Math.abs(checkpoint)) {
        stopReason = 'converged';
        break;
      }
      checkpoint = loss;
    }
    if (!objective.fusedGradient) gramTimes(VA, V32, dLdG, d, n);
    // dL/dV = 2 V·dL/dG; the factor 2 is folded in below.
    for (let e = 0; e < grad.length; e++) grad[e] = VA[e];
    projectTangent(grad, V, d, n, colDot);
    let finite = true;
    if (method === 'adam') {
      b1t *= b1;
      b2t *= b2;
      const c1 = 1 / (1 - b1t);
      const c2 = 1 / (1 - b2t);
      for (let e = 0; e < grad.length; e++) {
        const g = 2 * grad[e];
        if (!Number.isFinite(g)) finite = false;
        m[e] = b1 * m[e] + (1 - b1) * g;
        v[e] = b2 * v[e] + (1 - b2) * g * g;
        grad[e] = (m[e] * c1) / (Math.sqrt(v[e] * c2) + eps);
      }
      // Elementwise scaling leaves the tangent space; project the step back, and carry m along.
      projectTangent(grad, V, d, n, colDot);
    } else {
      for (let e = 0; e < grad.length; e++) {
        const g = 2 * grad[e];
        if (!Number.isFinite(g)) finite = false;
        m[e] = b1 * m[e] + g;
        grad[e] = m[e];
      }
    }
    if (!finite) {
      stopReason = 'diverged';
      message = `diverged at step ${step}: non-finite gradient`;
      break;
    }
    for (let e = 0; e < V.length; e++) V[e] -= lr * grad[e];
    if (!normalizeColumns(V, d, n, colDot)) {
      stopReason = 'diverged';
      message = `diverged at step ${step}: a column reached zero or non-finite norm`;
      break;
    }
    projectTangent(m, V, d, n, colDot);
  }
  if (stopReason === 'diverged') {
    return { loss: NaN, surrogateLoss: loss, steps: step, stopReason, message };
  }
  V32.set(V);
  gram(G, V32, d, n);
  loss = objective.value(G, n);
  const reported = objective.reported(G, n);
  onProgress?.({ step, steps, loss, learningRate: lr });
  return { loss: reported, surrogateLoss: loss, steps: step, stopReason };
}
