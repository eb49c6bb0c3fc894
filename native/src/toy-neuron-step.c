/*
 * The neuron models' training step in C (Elhage et al. 2022, "Toy Models of Superposition",
 * §§7–8; docs/ARCHITECTURE.md §3): the native twin of src/core/toy-neuron-gradient.ts plus
 * the Adam update, one instance per call, on a batch the caller drew from the one data
 * stream (WebAssembly's toySampleCsr) in compressed sparse rows.
 *
 * Models: h = ReLU(W x) with W [m, n]; 'neuron' (tied) x' = ReLU(Wᵀh + b), target x;
 * 'abs' (untied) y' = ReLU(W2 h + b) with W2 [n, m], target |x|. With V the second layer as
 * rows over features (V = W tied, V = W2ᵀ untied, both [m, n]), g = ∂L/∂pre and
 * δ = (V g) ⊙ 1[h > 0]: ∂L/∂b = Σ g, ∂L/∂V = Σ h gᵀ, ∂L/∂W += Σ δ xᵀ. ReLU'(0) = 0.
 * Two forms, the cheaper chosen per instance on the batch's nonzeros (`dense_is_cheaper`):
 *
 * - dense, five [B, n]×[n, m]-sized products through cblas_sgemm: H = ReLU(X Wᵀ),
 *   P = b + H V, g; ∂L/∂V = Hᵀ g, Δ = (g Vᵀ) ⊙ 1[H > 0], ∂L/∂W += Δᵀ X;
 * - per sample, visiting only the nonzeros and the active neurons (the samples with no
 *   nonzero have none: their output is b, counted once for all of them); the batch in two halves of samples with their own
 *   accumulators, summed in order, the second offered to a helper thread where the caller
 *   gives two (helper-thread.c), so the numbers are the same on one thread or two.
 *
 * Then one Adam / AdamW update of W, b and W2 (adam-update.c). Scratch lives in a
 * `ToyNeuronScratch` external made by toyNeuronScratch() and grown as shapes need.
 */
#include "toy-neuron-step.h"

#include <cblas.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adam-update.h"
#include "napi-args.h"
#include "helper-thread.h"
#include "simd-clones.h"

static const napi_type_tag SCRATCH_TAG = {0x746567756d6e6575ULL, 0x726f6e7363726174ULL};

struct ToyNeuronScratch {
  float *block;
  size_t floats;
  HelperThread *helper;
  int helperFailed;
};

/* Weight of the per-sample form's multiply-adds (short rows gathered per active neuron)
 * against sgemm's blocked ones. On the bench's two neuron workloads (bench/
 * neuron-workloads.ts, one core) weights 3, 6 and 12 ran within 5% of each other, 6 the
 * fastest, and 1 (more per-sample batches) 30% slower or worse. */
#ifndef NEURON_SAMPLE_WEIGHT
#define NEURON_SAMPLE_WEIGHT 6.0
#endif

/* Whether the dense form costs fewer (weighted) multiply-adds: dense 5 B n m; per sample,
 * for each sample with a nonzero, m nnz (hidden) + 3 (m / 2) n (output, ∂L/∂V, δ over about
 * half the neurons active) + (m / 2) nnz, and n for every sample. */
static int dense_is_cheaper(const int32_t *rowStart, int n, int m, int B) {
  double sparse = (double)B * n;
  for (int s = 0; s < B; s++) {
    const int nnz = rowStart[s + 1] - rowStart[s];
    if (nnz > 0) sparse += 1.5 * m * nnz + 1.5 * (double)m * n;
  }
  return 5.0 * B * n * m < NEURON_SAMPLE_WEIGHT * sparse;
}

/* ---- the dense form ---------------------------------------------------------------- */

/* σ, g and the loss of B rows of n in place: P holds pre on entry and g on exit; the
 * target is X (tied) or |X|; gb [n] += g per row. Returns Σ I r². */
HOT static double dense_activation(float *restrict P, const float *restrict X,
                                   const float *restrict imp, float *restrict gb, int B, int n,
                                   int tied, float scale) {
  double loss = 0;
  for (int s = 0; s < B; s++) {
    float *restrict p = P + (size_t)s * n;
    const float *restrict x = X + (size_t)s * n;
    float acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int f = 0; f < n; f++) {
      const float z = p[f];
      const int off = z <= 0; /* ReLU'(0) = 0, as in PyTorch */
      const float target = tied ? x[f] : (x[f] < 0 ? -x[f] : x[f]);
      const float r = (off ? 0.0f : z) - target;
      const float Ir = imp[f] * r;
      acc += Ir * r;
      const float g = off ? 0.0f : scale * Ir;
      p[f] = g;
      gb[f] += g;
    }
    loss += acc;
  }
  return loss;
}

/* ∂L/∂W into gW [m, n], ∂L/∂V into gV [m, n] (gV == gW where tied: summed), ∂L/∂b into gb;
 * returns Σ I r². */
static double dense_form(float *gW, float *gV, float *gb, const NeuronInstance *t, float scale,
                         float *work) {
  const int n = t->n, m = t->m, B = t->B, tied = t->tied;
  float *X = work;               /* [B, n] */
  float *P = X + (size_t)B * n;  /* [B, n] pre, then g */
  float *H = P + (size_t)B * n;  /* [B, m] */
  float *DH = H + (size_t)B * m; /* [B, m] */
  const float *V = t->V;         /* [m, n] */
  memset(X, 0, sizeof(float) * (size_t)B * n);
  for (int s = 0; s < B; s++) {
    float *x = X + (size_t)s * n;
    for (int32_t q = t->rowStart[s]; q < t->rowStart[s + 1]; q++) x[t->idx[q]] = t->val[q];
    memcpy(P + (size_t)s * n, t->b, sizeof(float) * (size_t)n);
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, m, n, 1.0f, X, n, t->W, n, 0.0f, H, m);
  for (size_t k = 0; k < (size_t)B * m; k++) H[k] = H[k] <= 0 ? 0.0f : H[k]; /* NaN passes */
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, n, m, 1.0f, H, m, V, n, 1.0f, P, n);
  memset(gb, 0, sizeof(float) * (size_t)n);
  const double loss = dense_activation(P, X, t->importance, gb, B, n, tied, scale);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, m, n, 1.0f, P, n, V, n, 0.0f, DH, m);
  for (size_t k = 0; k < (size_t)B * m; k++) DH[k] = H[k] <= 0 ? 0.0f : DH[k];
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, B, 1.0f, DH, m, X, n, 0.0f, gW, n);
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, B, 1.0f, H, m, P, n,
              tied ? 1.0f : 0.0f, gV, n);
  return loss;
}

/* ---- the per-sample form ----------------------------------------------------------- */

/* One half of the batch, samples [s0, s1), into its own accumulators (zeroed here). */
typedef struct {
  const NeuronInstance *t;
  int s0, s1;
  float scale;
  float *gW, *gV, *gb; /* [m, n], [m, n] (== gW where tied), [n] */
  float *x, *pre, *h, *dh;
  int *act;
  double loss;
} Half;

HOT static void samples_pass(Half *hf) {
  const NeuronInstance *t = hf->t;
  const int n = t->n, m = t->m, tied = t->tied;
  const float *restrict W = t->W, *restrict V = t->V, *restrict imp = t->importance;
  /* gW and gV are one array where tied (both written): neither is restrict. */
  float *gW = hf->gW, *restrict gb = hf->gb, *restrict x = hf->x;
  float *restrict pre = hf->pre, *restrict h = hf->h, *restrict dh = hf->dh;
  float *gV = hf->gV;
  int *restrict act = hf->act;
  const float scale = hf->scale;
  memset(gW, 0, sizeof(float) * (size_t)m * n);
  if (!tied) memset(gV, 0, sizeof(float) * (size_t)m * n);
  memset(gb, 0, sizeof(float) * (size_t)n);
  double loss = 0;
  int empty = 0;
  for (int s = hf->s0; s < hf->s1; s++) {
    const int32_t *restrict idx = t->idx + t->rowStart[s];
    const float *restrict val = t->val + t->rowStart[s];
    const int nnz = t->rowStart[s + 1] - t->rowStart[s];
    if (nnz == 0) { /* h = 0: only b reaches the output, the same for every such sample */
      empty++;
      continue;
    }
    int nAct = 0;
    for (int k = 0; k < m; k++) {
      const float *restrict wk = W + (size_t)k * n;
      float z = 0;
      for (int q = 0; q < nnz; q++) z += wk[idx[q]] * val[q];
      if (!(z <= 0)) { /* a NaN passes, as PyTorch's ReLU lets it: divergence shows */
        h[nAct] = z;
        act[nAct++] = k;
      }
    }
    memcpy(pre, t->b, sizeof(float) * (size_t)n);
    for (int q = 0; q < nAct; q++) {
      const float *restrict vk = V + (size_t)act[q] * n;
      const float hk = h[q];
#pragma omp simd
      for (int f = 0; f < n; f++) pre[f] += hk * vk[f];
    }
    for (int q = 0; q < nnz; q++) x[idx[q]] = tied ? val[q] : (val[q] < 0 ? -val[q] : val[q]);
    float acc = 0;
#pragma omp simd reduction(+ : acc)
    for (int f = 0; f < n; f++) {
      const float z = pre[f];
      const int off = z <= 0;
      const float r = (off ? 0.0f : z) - x[f];
      const float Ir = imp[f] * r;
      acc += Ir * r;
      const float g = off ? 0.0f : scale * Ir;
      pre[f] = g;
      gb[f] += g;
    }
    loss += acc;
    for (int q = 0; q < nnz; q++) x[idx[q]] = 0;
    for (int q = 0; q < nAct; q++) {
      const float *restrict vk = V + (size_t)act[q] * n;
      float *gvk = gV + (size_t)act[q] * n;
      const float hk = h[q];
      float d = 0;
#pragma omp simd reduction(+ : d)
      for (int f = 0; f < n; f++) {
        gvk[f] += hk * pre[f];
        d += vk[f] * pre[f];
      }
      dh[q] = d;
    }
    for (int q = 0; q < nAct; q++) {
      float *gk = gW + (size_t)act[q] * n;
      for (int p = 0; p < nnz; p++) gk[idx[p]] += dh[q] * val[p];
    }
  }
  if (empty > 0) { /* the empty samples at once: pre = b, target 0 */
    float acc = 0;
    for (int f = 0; f < n; f++) {
      const float z = t->b[f];
      const float r = z <= 0 ? 0.0f : z; /* a NaN b passes, as elsewhere */
      const float Ir = imp[f] * r;
      acc += Ir * r;
      gb[f] += (float)empty * (scale * Ir);
    }
    loss += (double)empty * acc;
  }
  hf->loss = loss;
}

static void samples_pass_part(void *half) {
  samples_pass(half);
}

/* ---- one instance ------------------------------------------------------------------ */

/* Floats of work space: gW, gV [m, n], gb [n], gW2 [n, m], V [m, n] (untied), and the
 * larger of the dense form's (2 B n + 2 B m) and the halves' second accumulators and rows. */
static size_t scratch_floats(int n, int m, int B) {
  const size_t mn = (size_t)m * n;
  const size_t dense = 2 * (size_t)B * n + 2 * (size_t)B * m;
  const size_t halves = 2 * (2 * mn + n + 2 * (size_t)n + 3 * (size_t)m);
  return 4 * mn + n + (dense > halves ? dense : halves) + 16 * 16; /* + alignment */
}

static int ensure_scratch(ToyNeuronScratch *sc, size_t floats) {
  if (sc->floats >= floats) return 1;
  free(sc->block);
  const size_t bytes = (floats * sizeof(float) + 63) & ~(size_t)63;
  sc->block = aligned_alloc(64, bytes);
  sc->floats = sc->block != NULL ? floats : 0;
  return sc->block != NULL;
}

static float *aligned(float *p) {
  return (float *)(((uintptr_t)p + 63) & ~(uintptr_t)63);
}

static HelperThread *helper_of(ToyNeuronScratch *sc) {
  if (sc->helper == NULL && !sc->helperFailed) {
    sc->helper = helper_thread_start();
    sc->helperFailed = sc->helper == NULL;
  }
  return sc->helper;
}

/* Lays a half's accumulators and rows out at p; returns the next free float. */
static float *lay_half(Half *hf, float *p, int n, int m, int tied) {
  const size_t mn = (size_t)m * n;
  hf->gW = aligned(p);
  hf->gV = tied ? hf->gW : aligned(hf->gW + mn);
  hf->gb = aligned(hf->gW + mn) + mn; /* past gV where untied */
  hf->x = aligned(hf->gb + n);
  hf->pre = aligned(hf->x + n);
  hf->h = aligned(hf->pre + n);
  hf->dh = hf->h + m;
  hf->act = (int *)(hf->dh + m);
  return (float *)(hf->act + m);
}

int toy_neuron_step_instance(ToyNeuronScratch *sc, NeuronInstance *t, const AdamParams *a) {
  const int n = t->n, m = t->m, B = t->B, tied = t->tied;
  const size_t mn = (size_t)m * n;
  if (!ensure_scratch(sc, scratch_floats(n, m, B))) return 0;
  float *gW = sc->block;             /* [m, n] */
  float *gV = aligned(gW + mn);      /* [m, n] */
  float *gb = aligned(gV + mn);      /* [n] */
  float *gW2 = aligned(gb + n);      /* [n, m] */
  float *Vt = aligned(gW2 + mn);     /* [m, n] W2ᵀ */
  float *work = aligned(Vt + mn);
  if (tied) t->V = t->W;
  else {
    for (int f = 0; f < n; f++)
      for (int k = 0; k < m; k++) Vt[(size_t)k * n + f] = t->W2[(size_t)f * m + k];
    t->V = Vt;
  }
  const float scale = (float)(2.0 / ((double)B * n));
  double lossSum;
  if (dense_is_cheaper(t->rowStart, n, m, B)) {
    lossSum = dense_form(gW, tied ? gW : gV, gb, t, scale, work);
  } else {
    Half lo = {.t = t, .s0 = 0, .s1 = B / 2, .scale = scale};
    Half hi = {.t = t, .s0 = B / 2, .s1 = B, .scale = scale};
    float *p = lay_half(&lo, work, n, m, tied);
    lay_half(&hi, p, n, m, tied);
    memset(lo.x, 0, sizeof(float) * (size_t)n);
    memset(hi.x, 0, sizeof(float) * (size_t)n);
    /* ~50 µs of work or more before a second thread pays. */
    const double work_est = (double)B * n + 2.0 * m * (double)t->rowStart[B] + (double)B * m;
    if (t->threads >= 2 && work_est > 2e5 && helper_of(sc) != NULL) {
      helper_thread_pair(sc->helper, samples_pass_part, &lo, &hi);
    } else {
      samples_pass(&lo);
      samples_pass(&hi);
    }
    for (size_t k = 0; k < mn; k++) gW[k] = lo.gW[k] + hi.gW[k];
    if (!tied)
      for (size_t k = 0; k < mn; k++) gV[k] = lo.gV[k] + hi.gV[k];
    for (int f = 0; f < n; f++) gb[f] = lo.gb[f] + hi.gb[f];
    lossSum = lo.loss + hi.loss;
  }
  *t->loss = (float)(lossSum / ((double)B * n));
  adam_update(t->W, gW, t->mW, t->vW, m * n, a);
  adam_update(t->b, gb, t->mb, t->vb, n, a);
  if (!tied) {
    for (int k = 0; k < m; k++)
      for (int f = 0; f < n; f++) gW2[(size_t)f * m + k] = gV[(size_t)k * n + f];
    adam_update(t->W2, gW2, t->mW2, t->vW2, m * n, a);
  }
  return 1;
}

/* ---- N-API ------------------------------------------------------------------------- */

static void scratch_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ToyNeuronScratch *sc = data;
  if (sc->helper != NULL) helper_thread_stop(sc->helper);
  free(sc->block);
  free(sc);
}

napi_value toy_neuron_scratch_napi(napi_env env, napi_callback_info info) {
  (void)info;
  ToyNeuronScratch *sc = calloc(1, sizeof *sc);
  napi_value out;
  if (sc == NULL) {
    napi_throw_error(env, NULL, "tegum_native.toyNeuronScratch: out of memory");
    return NULL;
  }
  if (napi_create_external(env, sc, scratch_finalize, NULL, &out) != napi_ok) {
    free(sc);
    napi_throw_error(env, NULL, "tegum_native.toyNeuronScratch: N-API call failed");
    return NULL;
  }
  if (napi_type_tag_object(env, out, &SCRATCH_TAG) != napi_ok) {
    napi_throw_error(env, NULL, "tegum_native.toyNeuronScratch: N-API call failed");
    return NULL;
  }
  return out;
}

#define USAGE                                                                              \
  "tegum_native.toyNeuronStep(scratch, W, b, mW, vW, mb, vb, W2, mW2, vW2, importance, "   \
  "loss, rowStart, idx, val, shape Int32Array [inst, n, m, B, tied, threads], adam "       \
  "Float64Array [lr, beta1, beta2, eps, weightDecay, decoupled, step])"

/* toyNeuronStep(scratch, W, b, mW, vW, mb, vb, W2, mW2, vW2, importance, loss, rowStart,
 * idx, val, shape, adam): one step of instance shape[0]; W2 and its moments may be empty
 * where tied. */
napi_value toy_neuron_step_napi(napi_env env, napi_callback_info info) {
  size_t argc = 17;
  napi_value a[17];
  if (napi_get_cb_info(env, info, &argc, a, NULL, NULL) != napi_ok || argc < 17) {
    napi_throw_error(env, NULL, USAGE);
    return NULL;
  }
  bool tagged = false;
  ToyNeuronScratch *sc = NULL;
  if (napi_check_object_type_tag(env, a[0], &SCRATCH_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, a[0], (void **)&sc) != napi_ok) {
    napi_throw_type_error(env, NULL,
                          "tegum_native.toyNeuronStep: scratch must come from toyNeuronScratch()");
    return NULL;
  }
  int32_t *shape = NULL;
  double *adam = NULL;
  if (!typed_arg(env, a[15], napi_int32_array, 6, USAGE, (void **)&shape) ||
      !typed_arg(env, a[16], napi_float64_array, 7, USAGE, (void **)&adam))
    return NULL;
  const int inst = shape[0], n = shape[1], m = shape[2], B = shape[3], tied = shape[4] != 0;
  if (inst < 0 || n < 1 || m < 1 || B < 1) {
    napi_throw_range_error(env, NULL, "tegum_native.toyNeuronStep: inst ≥ 0 and n, m, B ≥ 1");
    return NULL;
  }
  const size_t nm = (size_t)n * m, upTo = (size_t)inst + 1, nm2 = tied ? 0 : upTo * nm;
  float *W, *b, *mW, *vW, *mb, *vb, *W2, *mW2, *vW2, *imp, *loss;
  const struct {
    float **data;
    size_t need;
    const char *msg;
  } state[] = {
      {&W, upTo * nm, "tegum_native.toyNeuronStep: W must be a Float32Array [nI, m, n]"},
      {&b, upTo * n, "tegum_native.toyNeuronStep: b must be a Float32Array [nI, n]"},
      {&mW, upTo * nm, "tegum_native.toyNeuronStep: mW must be a Float32Array [nI, m, n]"},
      {&vW, upTo * nm, "tegum_native.toyNeuronStep: vW must be a Float32Array [nI, m, n]"},
      {&mb, upTo * n, "tegum_native.toyNeuronStep: mb must be a Float32Array [nI, n]"},
      {&vb, upTo * n, "tegum_native.toyNeuronStep: vb must be a Float32Array [nI, n]"},
      {&W2, nm2, "tegum_native.toyNeuronStep: W2 must be a Float32Array [nI, n, m]"},
      {&mW2, nm2, "tegum_native.toyNeuronStep: mW2 must be a Float32Array [nI, n, m]"},
      {&vW2, nm2, "tegum_native.toyNeuronStep: vW2 must be a Float32Array [nI, n, m]"},
      {&imp, upTo * n, "tegum_native.toyNeuronStep: importance must be a Float32Array [nI, n]"},
      {&loss, upTo, "tegum_native.toyNeuronStep: loss must be a Float32Array [nI]"},
  };
  for (size_t k = 0; k < sizeof state / sizeof state[0]; k++) {
    if (!typed_arg(env, a[1 + k], napi_float32_array, state[k].need, state[k].msg,
                   (void **)state[k].data))
      return NULL;
  }
  int32_t *rowStart, *idx = NULL;
  float *val = NULL;
  if (!typed_arg(env, a[12], napi_int32_array, (size_t)B + 1,
                 "tegum_native.toyNeuronStep: rowStart must be an Int32Array [B + 1]",
                 (void **)&rowStart))
    return NULL;
  int rows_ok = rowStart[0] == 0;
  for (int s = 0; s < B && rows_ok; s++)
    rows_ok = rowStart[s + 1] >= rowStart[s] && rowStart[s + 1] - rowStart[s] <= n;
  const size_t nnz = rows_ok ? (size_t)rowStart[B] : 0;
  if (rows_ok &&
      (!typed_arg(env, a[13], napi_int32_array, nnz,
                  "tegum_native.toyNeuronStep: idx must be an Int32Array [rowStart[B]]",
                  (void **)&idx) ||
       !typed_arg(env, a[14], napi_float32_array, nnz,
                  "tegum_native.toyNeuronStep: val must be a Float32Array [rowStart[B]]",
                  (void **)&val)))
    return NULL;
  for (size_t q = 0; q < nnz && rows_ok; q++) rows_ok = idx[q] >= 0 && idx[q] < n;
  if (!rows_ok) {
    napi_throw_range_error(env, NULL,
                           "tegum_native.toyNeuronStep: rowStart must rise from 0 by at most n "
                           "per sample, and idx hold features in [0, n)");
    return NULL;
  }
  const size_t f0 = (size_t)inst * n;
  NeuronInstance t = {
      .W = W + inst * nm, .b = b + f0, .mW = mW + inst * nm, .vW = vW + inst * nm,
      .mb = mb + f0, .vb = vb + f0, .importance = imp + f0, .loss = loss + inst,
      .rowStart = rowStart, .idx = idx, .val = val, .n = n, .m = m, .B = B, .tied = tied,
      .threads = shape[5] > 1 ? shape[5] : 1,
  };
  if (!tied) {
    t.W2 = W2 + inst * nm;
    t.mW2 = mW2 + inst * nm;
    t.vW2 = vW2 + inst * nm;
  }
  const AdamParams ad = {
      .lr = adam[0], .beta1 = adam[1], .beta2 = adam[2], .eps = adam[3],
      .weightDecay = adam[4], .decoupled = adam[5] != 0, .step = adam[6],
  };
  if (!toy_neuron_step_instance(sc, &t, &ad)) {
    napi_throw_error(env, NULL, "tegum_native.toyNeuronStep: out of memory for its scratch");
  }
  return NULL;
}
