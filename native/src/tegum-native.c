/*
 * tegum's native kernels: the BLAS twins of src/core/js/gram.ts and gram-times.ts, an
 * N-API addon over the system's CBLAS (Debian's libopenblas-dev). Arguments arrive
 * checked by the ops (src/core/gram.ts, gram-times.ts); this file checks only that each
 * typed array is a Float32Array at least as long as the shapes need, so a bad call from
 * JavaScript throws instead of reading past a buffer.
 *
 * gram:      G = VᵀV through cblas_ssyrk (the upper triangle only: half the flops of a
 *            gemm), then mirrored so G is exactly symmetric.
 * gramTimes: out = V·A for a symmetric A through cblas_ssymm (right side, upper).
 * powerPackingGradient: the power objective's loss and V·ℓ'(G) in one call (power-packing.c).
 * sgemm:     C = A·B, row-major, for the benchmark's peak (OpenBLAS sgemm at 2048³).
 * setThreads / getThreads: OpenBLAS's thread count (process-wide).
 * toyStep, toyStepScratch: the toy models' training step (toy-step.c).
 * toyNeuronStep, toyNeuronScratch: the neuron models' training step (toy-neuron-step.c).
 */
#include <cblas.h>
#include <stddef.h>

#include "napi-args.h"
#include "power-packing.h"
#include "toy-neuron-step.h"
#include "toy-step.h"

/* Copies the upper triangle of G [n, n] onto the lower one in 32 × 32 tiles, so the
 * strided reads of a column stay in cache (a plain row loop misses on every read). */
static void mirror_upper(float *G, int n) {
  enum { TILE = 32 };
  for (int i0 = 0; i0 < n; i0 += TILE) {
    const int iEnd = i0 + TILE < n ? i0 + TILE : n;
    for (int j0 = 0; j0 <= i0; j0 += TILE) {
      for (int i = i0; i < iEnd; i++) {
        float *row = G + (size_t)i * n;
        const int jEnd = j0 + TILE < i ? j0 + TILE : i;
        for (int j = j0; j < jEnd; j++) row[j] = G[(size_t)j * n + i];
      }
    }
  }
}

/* gram(G [n, n], V [d, n], d, n) */
static napi_value gram(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value a[4];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 4) return throw_error(env, "tegum_native.gram(G, V, d, n)");
  int d, n;
  if (!int_arg(env, a[2], &d) || !int_arg(env, a[3], &n)) return NULL;
  float *G = NULL, *V = NULL;
  if (!f32_arg(env, a[0], (size_t)n * n, "tegum_native.gram: G must be a Float32Array [n, n]", &G) ||
      !f32_arg(env, a[1], (size_t)d * n, "tegum_native.gram: V must be a Float32Array [d, n]", &V))
    return NULL;
  if (n == 0) return NULL;
  if (d == 0) {
    for (size_t i = 0; i < (size_t)n * n; i++) G[i] = 0.0f;
    return NULL;
  }
  /* Row-major, op(V) = Vᵀ: C [n, n] = Vᵀ V with V [d, n], lda = n. */
  cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, n, d, 1.0f, V, n, 0.0f, G, n);
  mirror_upper(G, n);
  return NULL;
}

/* gramTimes(out [d, n], V [d, n], A [n, n] symmetric, d, n) */
static napi_value gram_times(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value a[5];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 5) return throw_error(env, "tegum_native.gramTimes(out, V, A, d, n)");
  int d, n;
  if (!int_arg(env, a[3], &d) || !int_arg(env, a[4], &n)) return NULL;
  float *out = NULL, *V = NULL, *A = NULL;
  if (!f32_arg(env, a[0], (size_t)d * n, "tegum_native.gramTimes: out must be a Float32Array [d, n]", &out) ||
      !f32_arg(env, a[1], (size_t)d * n, "tegum_native.gramTimes: V must be a Float32Array [d, n]", &V) ||
      !f32_arg(env, a[2], (size_t)n * n, "tegum_native.gramTimes: A must be a Float32Array [n, n]", &A))
    return NULL;
  if (n == 0 || d == 0) return NULL;
  /* out [d, n] = V [d, n] · A [n, n], A symmetric (its upper triangle read). */
  cblas_ssymm(CblasRowMajor, CblasRight, CblasUpper, d, n, 1.0f, A, n, V, n, 0.0f, out, n);
  return NULL;
}

/* sgemm(C [m, n], A [m, k], B [k, n], m, n, k): C = A·B, row-major. */
static napi_value sgemm(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value a[6];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  if (argc < 6) return throw_error(env, "tegum_native.sgemm(C, A, B, m, n, k)");
  int m, n, k;
  if (!int_arg(env, a[3], &m) || !int_arg(env, a[4], &n) || !int_arg(env, a[5], &k)) return NULL;
  float *C = NULL, *A = NULL, *B = NULL;
  if (!f32_arg(env, a[0], (size_t)m * n, "tegum_native.sgemm: C must be a Float32Array [m, n]", &C) ||
      !f32_arg(env, a[1], (size_t)m * k, "tegum_native.sgemm: A must be a Float32Array [m, k]", &A) ||
      !f32_arg(env, a[2], (size_t)k * n, "tegum_native.sgemm: B must be a Float32Array [k, n]", &B))
    return NULL;
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    for (size_t i = 0; i < (size_t)m * n; i++) C[i] = 0.0f;
    return NULL;
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, A, k, B, n, 0.0f, C, n);
  return NULL;
}

/* setThreads(t): OpenBLAS's threads for every later call (process-wide). */
static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value a[1];
  CHECK(napi_get_cb_info(env, info, &argc, a, NULL, NULL));
  int t;
  if (argc < 1 || !int_arg(env, a[0], &t) || t < 1) {
    return throw_error(env, "tegum_native.setThreads(t): t must be a positive integer");
  }
  openblas_set_num_threads(t);
  return NULL;
}

static napi_value get_threads(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_int32(env, openblas_get_num_threads(), &out));
  return out;
}

static napi_value get_config(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value out;
  CHECK(napi_create_string_utf8(env, openblas_get_config(), NAPI_AUTO_LENGTH, &out));
  return out;
}

NAPI_MODULE_INIT(/* napi_env env, napi_value exports */) {
  const napi_property_descriptor fns[] = {
      {"gram", NULL, gram, NULL, NULL, NULL, napi_enumerable, NULL},
      {"gramTimes", NULL, gram_times, NULL, NULL, NULL, napi_enumerable, NULL},
      {"powerPackingGradient", NULL, power_packing_gradient, NULL, NULL, NULL, napi_enumerable,
       NULL},
      {"sgemm", NULL, sgemm, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"getThreads", NULL, get_threads, NULL, NULL, NULL, napi_enumerable, NULL},
      {"config", NULL, get_config, NULL, NULL, NULL, napi_enumerable, NULL},
      {"toyStep", NULL, toy_step_napi, NULL, NULL, NULL, napi_enumerable, NULL},
      {"toyStepScratch", NULL, toy_step_scratch_napi, NULL, NULL, NULL, napi_enumerable, NULL},
      {"toyNeuronStep", NULL, toy_neuron_step_napi, NULL, NULL, NULL, napi_enumerable, NULL},
      {"toyNeuronScratch", NULL, toy_neuron_scratch_napi, NULL, NULL, NULL, napi_enumerable,
       NULL},
  };
  if (napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns) != napi_ok) return NULL;
  return exports;
}
