/*
 * The packing step's loss and gradient product for the power objective in one native
 * call, the twin of src/core/js/power-packing-gradient.ts (docs/ARCHITECTURE.md §2; the seed post,
 * "Loss-Minimizing Subspaces": ℓ(c) = |c|^α, α = d ln ℓ / d ln ε):
 *
 *   G = VᵀV (cblas_ssyrk, upper triangle only),
 *   L = Σ_{i≠j} ℓ(G_ij) = 2 Σ_{i<j} ℓ(G_ij),   A_ij = ℓ'(G_ij), A_ii = 0,
 *   out = V·A (cblas_ssymm, reading A's upper triangle).
 *
 * ℓ as src/packing/objectives/power.ts defines it: for α > 1, ℓ(c) = |c|^α with
 * ℓ'(c) = α sign(c) |c|^(α−1); for α ≤ 1 the smoothed ℓ_δ(c) = (c² + δ²)^(α/2) − δ^α with
 * ℓ_δ'(c) = α c (c² + δ²)^(α/2 − 1). The elementwise pass runs on G's upper triangle in
 * place (so nothing is mirrored), vectorised: powf through glibc's libmvec (-ffast-math),
 * one clone per instruction set (AVX-512, AVX2, baseline) chosen when the addon loads.
 * Sums: float lanes along a row, double across rows. The pass runs on as many threads as
 * OpenBLAS uses (never more cores than the caller asked for), rows split by equal work.
 */
#include <cblas.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>

#include "napi-args.h"
#include "power-packing.h"

#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))

/* ℓ = c², ℓ' = 2c (α = 2: no powf). */
CLONES static float row_square(float *restrict a, int len) {
  float sum = 0.0f;
  for (int j = 0; j < len; j++) {
    const float c = a[j];
    sum += c * c;
    a[j] = 2.0f * c;
  }
  return sum;
}

/* ℓ = |c|^α, ℓ' = α sign(c) |c|^(α−1), α > 1. */
CLONES static float row_power(float *restrict a, int len, float alpha) {
  const float am1 = alpha - 1.0f;
  float sum = 0.0f;
  for (int j = 0; j < len; j++) {
    const float c = a[j];
    const float m = fabsf(c);
    const float q = powf(m, am1);
    sum += m * q;
    a[j] = copysignf(alpha * q, c);
  }
  return sum;
}

/* ℓ_δ = (c² + δ²)^(1/2) − δ, ℓ_δ' = c / (c² + δ²)^(1/2) (α = 1: sqrtf, no powf). */
CLONES static float row_smoothed_abs(float *restrict a, int len, float delta2, float offset) {
  float sum = 0.0f;
  for (int j = 0; j < len; j++) {
    const float c = a[j];
    const float r = sqrtf(c * c + delta2);
    sum += r - offset;
    a[j] = c / r;
  }
  return sum;
}

/* ℓ_δ = (c² + δ²)^(α/2) − δ^α, ℓ_δ' = α c (c² + δ²)^(α/2 − 1), α ≤ 1. */
CLONES static float row_smoothed(float *restrict a, int len, float alpha, float delta2,
                                 float offset) {
  const float e = 0.5f * alpha - 1.0f;
  float sum = 0.0f;
  for (int j = 0; j < len; j++) {
    const float c = a[j];
    const float s = c * c + delta2;
    const float q = powf(s, e);
    sum += s * q - offset;
    a[j] = alpha * c * q;
  }
  return sum;
}

/* What one thread of the elementwise pass needs: rows [from, to) of G [n, n]. */
typedef struct {
  float *G;
  int n, from, to, smoothed, square, root;
  float alpha, delta2, offset;
  double sum;
} Rows;

/* Replaces rows [from, to) of G's strict upper triangle by ℓ'(G) and the diagonal by 0;
 * leaves Σ_{i<j} ℓ(G_ij) over those rows in r->sum. */
static void *power_rows(void *arg) {
  Rows *r = (Rows *)arg;
  double total = 0.0;
  for (int i = r->from; i < r->to; i++) {
    float *row = r->G + (size_t)i * r->n + i;
    row[0] = 0.0f;
    const int len = r->n - i - 1;
    float s;
    if (r->square) s = row_square(row + 1, len);
    else if (r->root) s = row_smoothed_abs(row + 1, len, r->delta2, r->offset);
    else if (r->smoothed) s = row_smoothed(row + 1, len, r->alpha, r->delta2, r->offset);
    else s = row_power(row + 1, len, r->alpha);
    total += s;
  }
  r->sum = total;
  return NULL;
}

/* Below this n one thread does the pass (a thread's start costs more than its share). */
enum { THREADED_MIN_N = 512, MAX_THREADS = 16 };

/* Replaces G's upper triangle by A = ℓ'(G) (zero diagonal) on up to `threads` threads,
 * rows split into equal shares of the triangle's entries; returns Σ_{i≠j} ℓ(G_ij). */
static double power_upper(float *G, int n, double alpha, double smoothing, int threads) {
  const int smoothed = alpha <= 1.0;
  Rows base = {
      .G = G,
      .n = n,
      .smoothed = smoothed,
      .square = !smoothed && alpha == 2.0,
      .root = smoothed && alpha == 1.0,
      .alpha = (float)alpha,
      .delta2 = (float)(smoothing * smoothing),
      .offset = smoothed ? (float)pow(smoothing, alpha) : 0.0f,
  };
  int T = n < THREADED_MIN_N ? 1 : threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
  Rows part[MAX_THREADS];
  pthread_t tid[MAX_THREADS];
  int started[MAX_THREADS] = {0};
  int from = 0;
  for (int t = 0; t < T; t++) {
    /* Rows i < b hold a fraction 1 − (1 − b/n)² of the triangle: b = n (1 − √(1 − f)). */
    const int to = t == T - 1 ? n : (int)(n * (1.0 - sqrt(1.0 - (double)(t + 1) / T)));
    part[t] = base;
    part[t].from = from;
    part[t].to = to;
    from = to;
    if (t > 0) started[t] = pthread_create(&tid[t], NULL, power_rows, &part[t]) == 0;
  }
  power_rows(&part[0]);
  double total = part[0].sum;
  for (int t = 1; t < T; t++) {
    if (started[t]) pthread_join(tid[t], NULL);
    else power_rows(&part[t]); /* no thread to be had: do its share here */
    total += part[t].sum;
  }
  return 2.0 * total;
}

/* powerPackingGradient(out [d, n], V [d, n], G [n, n] scratch, d, n, alpha, smoothing) → L */
napi_value power_packing_gradient(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value a[7];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 7) {
    return throw_error(env, "tegum_native.powerPackingGradient(out, V, G, d, n, alpha, smoothing)");
  }
  int d, n;
  double alpha, smoothing;
  if (!int_arg(env, a[3], &d) || !int_arg(env, a[4], &n) ||
      !num_arg(env, a[5], "tegum_native.powerPackingGradient: alpha must be finite", &alpha) ||
      !num_arg(env, a[6], "tegum_native.powerPackingGradient: smoothing must be finite",
               &smoothing))
    return NULL;
  float *out = NULL, *V = NULL, *G = NULL;
  if (!f32_arg(env, a[0], (size_t)d * n,
               "tegum_native.powerPackingGradient: out must be a Float32Array [d, n]", &out) ||
      !f32_arg(env, a[1], (size_t)d * n,
               "tegum_native.powerPackingGradient: V must be a Float32Array [d, n]", &V) ||
      !f32_arg(env, a[2], (size_t)n * n,
               "tegum_native.powerPackingGradient: G must be a Float32Array [n, n]", &G))
    return NULL;
  double loss = 0.0;
  if (n > 0 && d > 0) {
    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, n, d, 1.0f, V, n, 0.0f, G, n);
    loss = power_upper(G, n, alpha, smoothing, openblas_get_num_threads());
    cblas_ssymm(CblasRowMajor, CblasRight, CblasUpper, d, n, 1.0f, G, n, V, n, 0.0f, out, n);
  } /* d = 0 or n = 0: every G_ij is 0 and ℓ(0) = 0, so L = 0 and out is empty. */
  napi_value result;
  CHECK(napi_create_double(env, loss, &result));
  return result;
}
