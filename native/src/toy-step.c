/*
 * The toy models' training step in C over CBLAS: the native twin of
 * src/core/js/toy-train-step.ts (derivation in src/core/toy-gradient.ts), one instance per
 * call, on a batch the caller drew from the one data stream (WebAssembly's
 * toySampleCsr, assembly/toy-sample-csr.ts) and hands over in compressed sparse rows.
 *
 * Model (Elhage et al. 2022, "Toy Models of Superposition", §2): x' = σ(WᵀW x + b),
 * σ = ReLU or identity; loss L = (1 / (B n)) Σ_b Σ_f I_f (x_bf − x'_bf)². With
 * g_b = ∂L/∂pre_b = (2 / (B n)) I ⊙ (x'_b − x_b) ⊙ σ'(pre_b) (ReLU'(0) = 0, as in
 * PyTorch), ∂L/∂b = Σ_b g_b. Two forms of ∂L/∂W, the cheaper chosen per instance
 * (`dense_is_cheaper`, on the batch's actual nonzero count):
 *
 * - dense, five [B, n]×[n, m]-sized products through cblas_sgemm, X [B, n] the batch:
 *     H = X Wᵀ, P = H W (+ b, σ), g; ∂L/∂W = Hᵀ g + (g Wᵀ)ᵀ X;
 * - sparse (the Gram form, as the WebAssembly kernel's): G = WᵀW through sgemm; per sample
 *     pre = b + Σ_nz x_j G_j, g, E_j += x_j g; then ∂L/∂W = W (E + Eᵀ) through sgemm (G by
 *     sgemm too: for inner sizes m ≲ 30, OpenBLAS 0.3.21's ssyrk and a mirror took 2–4×
 *     sgemm's time on this machine, n = 200 and 400). From n = 64 the sample pass works in
 *     two halves of the features, the upper one offered to a helper thread (helper-thread.c)
 *     where the caller gives two (OpenBLAS idles meanwhile), with the same arithmetic
 *     either way.
 *
 * Then one Adam / AdamW update of W and b (adam-update.c, as src/core/adam-update.ts).
 *
 * Scratch lives in a `ToyStepScratch` external made by toyStepScratch() and grown as shapes
 * need (never freed in the hot loop). OpenBLAS's threads are the caller's (process-wide).
 * Samples are taken in chunks (`Tiles`) so the activation pass is one flat SIMD loop.
 */
#include "toy-step.h"

#include <cblas.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "adam-update.h"
#include "napi-args.h"
#include "helper-thread.h"
#include "simd-clones.h"

/* The loss's sums run in SIMD lanes (`omp simd reduction`, -fopenmp-simd: no OpenMP
 * runtime); HOT loops are built for AVX-512 and AVX2 too (simd-clones.h). */

/* The external's tag, so a foreign external is refused (napi_check_object_type_tag). */
static const napi_type_tag SCRATCH_TAG = {0x746567756d746f79ULL, 0x73637261746368ULL};

/* Scratch of one thread's toy steps: one aligned block, grown when a shape needs more. */
struct ToyStepScratch {
  float *block;
  size_t floats;
  HelperThread *helper; /* the sample pass's second thread, started on first need */
  int helperFailed;     /* it could not start: both halves run on the caller's thread */
};

/* Weight of the sparse form's per-sample multiply-adds (rows of G and E gathered per
 * nonzero, out of L2) against sgemm's blocked ones. Measured on one AVX-512 core (OpenBLAS
 * 0.3.21, B = 1024), the forms cross at p ≈ 0.06 for n = 200, m = 20 and p ≈ 0.2 for n = 20,
 * m = 5: where this weight puts them. */
#ifndef SPARSE_MAC_WEIGHT
#define SPARSE_MAC_WEIGHT 4.0
#endif

/* Whether the dense form costs fewer (weighted) multiply-adds for an instance with `nnz`
 * nonzeros in its batch: dense 5 B n m; sparse 2 n² m (G, W S) + weight · 2 nnz n. */
static int dense_is_cheaper(int n, int m, int B, size_t nnz) {
  const double dense = 5.0 * B * n * m;
  const double sparse = 2.0 * n * (double)n * m + SPARSE_MAC_WEIGHT * 2.0 * (double)nnz * n;
  return dense < sparse;
}

/* ---- shared: samples in chunks ---------------------------------------------------- */

/* Samples are taken CHUNK_FLOATS / n at a time, so the activation pass runs one flat SIMD
 * loop over a chunk's [rows, n] (whatever n is: n = 5 would leave a per-sample loop all
 * tail) against importance, b and ∂L/∂b tiled to the chunk's shape. */
enum { CHUNK_FLOATS = 4096 };

/* The per-instance tiles of a chunk of S samples: v [n] repeated S times, each [S, n]. */
typedef struct {
  float *imp; /* importance */
  float *b;   /* b (the pre-activation's start) */
  float *gb;  /* ∂L/∂b, per row of the chunk, summed into gb at the end */
  int S;      /* samples per chunk */
} Tiles;

static int chunk_rows(int n, int B) {
  const int S = CHUNK_FLOATS / n;
  return S < 1 ? 1 : S > B ? B : S;
}

static void lay_tiles(Tiles *t, const float *imp, const float *b, int n) {
  for (int s = 0; s < t->S; s++) {
    memcpy(t->imp + (size_t)s * n, imp, sizeof(float) * (size_t)n);
    memcpy(t->b + (size_t)s * n, b, sizeof(float) * (size_t)n);
  }
  memset(t->gb, 0, sizeof(float) * (size_t)t->S * n);
}

/* gb [n] = Σ over the chunk's rows of the tiled ∂L/∂b. */
static void fold_gb(float *gb, const Tiles *t, int n) {
  memset(gb, 0, sizeof(float) * (size_t)n);
  for (int s = 0; s < t->S; s++) {
    const float *row = t->gb + (size_t)s * n;
    for (int f = 0; f < n; f++) gb[f] += row[f];
  }
}

/* σ, g and the loss over `len` entries of a chunk in place: P holds pre on entry and
 * g = ∂L/∂pre on exit; X the samples; gbT += g; returns Σ I r². */
HOT static double activation_pass(float *restrict P, const float *restrict X,
                                  const float *restrict impT, float *restrict gbT, size_t len,
                                  int relu, float scale) {
  float acc = 0;
#pragma omp simd reduction(+ : acc)
  for (size_t i = 0; i < len; i++) {
    const float z = P[i];
    const int off = relu && z <= 0; /* ReLU'(0) = 0, as in PyTorch */
    const float r = (off ? 0.0f : z) - X[i];
    const float Ir = impT[i] * r;
    acc += Ir * r;
    const float g = off ? 0.0f : scale * Ir;
    P[i] = g;
    gbT[i] += g;
  }
  return acc;
}

/* ---- the dense form ---------------------------------------------------------------- */

static double dense_form(float *gW, const float *W, const Tiles *tiles, const int32_t *rowStart,
                         const int32_t *idx, const float *val, int n, int m, int B, int relu,
                         float scale, float *work) {
  float *X = work;               /* [B, n] */
  float *P = X + (size_t)B * n;  /* [B, n] pre, then g */
  float *H = P + (size_t)B * n;  /* [B, m] */
  float *DH = H + (size_t)B * m; /* [B, m] */
  const int S = tiles->S;
  memset(X, 0, sizeof(float) * (size_t)B * n);
  for (int s = 0; s < B; s++) {
    float *x = X + (size_t)s * n;
    for (int32_t t = rowStart[s]; t < rowStart[s + 1]; t++) x[idx[t]] = val[t];
  }
  for (int r0 = 0; r0 < B; r0 += S) {
    const int rows = B - r0 < S ? B - r0 : S;
    memcpy(P + (size_t)r0 * n, tiles->b, sizeof(float) * (size_t)rows * n);
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, m, n, 1.0f, X, n, W, n, 0.0f, H, m);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, n, m, 1.0f, H, m, W, n, 1.0f, P, n);
  double loss = 0;
  for (int r0 = 0; r0 < B; r0 += S) {
    const size_t at = (size_t)r0 * n, len = (size_t)(B - r0 < S ? B - r0 : S) * n;
    loss += activation_pass(P + at, X + at, tiles->imp, tiles->gb, len, relu, scale);
  }
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, B, 1.0f, H, m, P, n, 0.0f, gW, n);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, m, n, 1.0f, P, n, W, n, 0.0f, DH, m);
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, B, 1.0f, DH, m, X, n, 1.0f, gW, n);
  return loss;
}

/* ---- the sparse (Gram) form -------------------------------------------------------- */

/* Features from which the sparse form works in two halves of features, [0, h) and [h, n):
 * always, so its arithmetic is the same on one thread or two (a run's numbers do not depend
 * on its thread count); on two threads the halves run at once. */
enum { SPLIT_MIN_N = 64 };

/* What one half of the features [f0, f1) of the sparse form's sample pass works on. The
 * halves write disjoint columns of PRE, X, E and the ∂L/∂b tile, and their own chunk sums. */
typedef struct {
  float *PRE, *X, *E;
  const float *G;
  const Tiles *tiles;
  const int32_t *rowStart, *idx;
  const float *val;
  int B, n, relu, f0, f1;
  float scale;
  double *chunkLoss; /* [chunks]: Σ I r² of each chunk over these features */
} Half;

/* Every sample over the half's features, a chunk at a time: pre = b + Σ_nz x_j G_j (rows
 * of G gathered per nonzero), g in place of pre (activation_pass: over the whole chunk at
 * once where the half is every feature, else row by row), then E_j += x_j g. X [S, n] holds
 * the chunk's samples densely, zero again after it. */
HOT static void samples_pass(const Half *h) {
  float *restrict PRE = h->PRE, *restrict X = h->X, *restrict E = h->E;
  const float *restrict G = h->G;
  const int32_t *restrict rowStart = h->rowStart, *restrict idx = h->idx;
  const float *restrict val = h->val;
  const int n = h->n, f0 = h->f0, f1 = h->f1, len = f1 - f0, S = h->tiles->S, B = h->B;
  const int whole = f0 == 0 && f1 == n;
  for (int r0 = 0, c = 0; r0 < B; r0 += S, c++) {
    const int rows = B - r0 < S ? B - r0 : S;
    for (int s = 0; s < rows; s++) {
      float *restrict pre = PRE + (size_t)s * n + f0;
      float *restrict x = X + (size_t)s * n;
      memcpy(pre, h->tiles->b + f0, sizeof(float) * (size_t)len);
      for (int32_t t = rowStart[r0 + s]; t < rowStart[r0 + s + 1]; t++) {
        const int j = idx[t];
        const float v = val[t];
        const float *restrict row = G + (size_t)j * n + f0;
        if (j >= f0 && j < f1) x[j] = v;
        for (int f = 0; f < len; f++) pre[f] += v * row[f];
      }
    }
    double loss = 0;
    if (whole) {
      loss = activation_pass(PRE, X, h->tiles->imp, h->tiles->gb, (size_t)rows * n, h->relu,
                             h->scale);
    } else {
      for (int s = 0; s < rows; s++) {
        const size_t at = (size_t)s * n + f0;
        loss += activation_pass(PRE + at, X + at, h->tiles->imp + at, h->tiles->gb + at,
                                (size_t)len, h->relu, h->scale);
      }
    }
    h->chunkLoss[c] = loss;
    for (int s = 0; s < rows; s++) {
      const float *restrict g = PRE + (size_t)s * n + f0;
      float *restrict x = X + (size_t)s * n;
      for (int32_t t = rowStart[r0 + s]; t < rowStart[r0 + s + 1]; t++) {
        const int j = idx[t];
        const float v = val[t];
        float *restrict row = E + (size_t)j * n + f0;
        if (j >= f0 && j < f1) x[j] = 0;
        for (int f = 0; f < len; f++) row[f] += v * g[f];
      }
    }
  }
}

static void samples_pass_part(void *half) {
  samples_pass(half);
}

/* The sample pass over both halves (the upper one offered to the helper where there is one
 * and the work pays for waking it), or over every feature at once where n is small; returns
 * Σ I r², summed chunk by chunk in the same order either way. */
static double samples_pass_all(Half *lo, HelperThread *helper, size_t nnz,
                               double *chunkLossHi) {
  const int n = lo->n;
  if (n < SPLIT_MIN_N) {
    samples_pass(lo);
  } else {
    Half hi = *lo;
    lo->f1 = hi.f0 = (n / 2 + 15) & ~15; /* a cache line's 16 floats apart */
    hi.chunkLoss = chunkLossHi;
    /* ~50 µs of work or more (2 nnz n + B n multiply-adds) before a second thread pays. */
    if (helper != NULL && 2.0 * (double)nnz * n + (double)lo->B * n > 2e5) {
      helper_thread_pair(helper, samples_pass_part, lo, &hi);
    } else {
      samples_pass(lo);
      samples_pass(&hi);
    }
  }
  double loss = 0;
  const int chunks = (lo->B + lo->tiles->S - 1) / lo->tiles->S;
  for (int c = 0; c < chunks; c++)
    loss += n < SPLIT_MIN_N ? lo->chunkLoss[c] : lo->chunkLoss[c] + chunkLossHi[c];
  return loss;
}

/* E ← E + Eᵀ in 32 × 32 tiles (strided reads stay in cache). */
static void symmetrize(float *E, int n) {
  enum { TILE = 32 };
  for (int i0 = 0; i0 < n; i0 += TILE) {
    const int iEnd = i0 + TILE < n ? i0 + TILE : n;
    for (int j0 = 0; j0 <= i0; j0 += TILE) {
      for (int i = i0; i < iEnd; i++) {
        float *row = E + (size_t)i * n;
        const int jEnd = j0 + TILE < i + 1 ? j0 + TILE : i + 1;
        for (int j = j0; j < jEnd; j++) {
          const float s = row[j] + E[(size_t)j * n + i];
          row[j] = s;
          E[(size_t)j * n + i] = s;
        }
      }
    }
  }
}

static double sparse_form(float *gW, const float *W, const Tiles *tiles,
                          const int32_t *rowStart, const int32_t *idx, const float *val, int n,
                          int m, int B, int relu, float scale, HelperThread *helper,
                          float *work) {
  const size_t chunk = (size_t)tiles->S * n;
  const int chunks = (B + tiles->S - 1) / tiles->S;
  float *G = work;                            /* [n, n] */
  float *E = G + (size_t)n * n;               /* [n, n] */
  float *PRE = E + (size_t)n * n;             /* [S, n] */
  float *X = PRE + chunk;                     /* [S, n], zero between chunks */
  double *chunkLoss = (double *)(X + chunk);  /* [2, chunks] */
  cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, n, m, 1.0f, W, n, W, n, 0.0f, G, n);
  memset(E, 0, sizeof(float) * (size_t)n * n);
  memset(X, 0, sizeof(float) * chunk);
  Half lo = {
      .PRE = PRE, .X = X, .E = E, .G = G, .tiles = tiles, .rowStart = rowStart, .idx = idx,
      .val = val, .B = B, .n = n, .relu = relu, .f0 = 0, .f1 = n, .scale = scale,
      .chunkLoss = chunkLoss,
  };
  const double loss =
      samples_pass_all(&lo, helper, (size_t)rowStart[B], chunkLoss + chunks);
  symmetrize(E, n);
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, n, 1.0f, W, n, E, n, 0.0f, gW, n);
  return loss;
}

/* ---- one instance ------------------------------------------------------------------ */

/* Floats of work space one instance's step needs: either form's, gW [m, n], gb [n] and the
 * chunk tiles (three of [S, n]). */
static size_t scratch_floats(int n, int m, int B) {
  const size_t chunk = (size_t)chunk_rows(n, B) * n;
  const size_t dense = 2 * (size_t)B * n + 2 * (size_t)B * m;
  const size_t sparse = 2 * (size_t)n * n + 2 * chunk + 4 * (size_t)B; /* + 2 B doubles */
  return (dense > sparse ? dense : sparse) + (size_t)m * n + (size_t)n + 3 * chunk + 16 * 6;
}

static int ensure_scratch(ToyStepScratch *sc, size_t floats) {
  if (sc->floats >= floats) return 1;
  free(sc->block);
  const size_t bytes = (floats * sizeof(float) + 63) & ~(size_t)63;
  sc->block = aligned_alloc(64, bytes);
  sc->floats = sc->block != NULL ? floats : 0;
  return sc->block != NULL;
}

/* The next 64-byte boundary at or after p (scratch blocks start aligned). */
static float *aligned(float *p) {
  return (float *)(((uintptr_t)p + 63) & ~(uintptr_t)63);
}

/* The scratch's helper thread, started on first need; NULL where it cannot start. */
static HelperThread *helper_of(ToyStepScratch *sc) {
  if (sc->helper == NULL && !sc->helperFailed) {
    sc->helper = helper_thread_start();
    sc->helperFailed = sc->helper == NULL;
  }
  return sc->helper;
}

int toy_step_instance(ToyStepScratch *sc, const ToyInstance *t, const AdamParams *a) {
  const int n = t->n, m = t->m, B = t->B;
  if (!ensure_scratch(sc, scratch_floats(n, m, B))) return 0;
  const size_t chunk = (size_t)chunk_rows(n, B) * n;
  float *gW = sc->block;                                /* [m, n] */
  float *gb = aligned(gW + (size_t)m * n);              /* [n] */
  Tiles tiles = {.S = chunk_rows(n, B)};
  tiles.imp = aligned(gb + n);
  tiles.b = aligned(tiles.imp + chunk);
  tiles.gb = aligned(tiles.b + chunk);
  float *work = aligned(tiles.gb + chunk);
  lay_tiles(&tiles, t->importance, t->b, n);
  const float scale = (float)(2.0 / ((double)B * n));
  const size_t nnz = (size_t)t->rowStart[B];
  const double lossSum =
      dense_is_cheaper(n, m, B, nnz)
          ? dense_form(gW, t->W, &tiles, t->rowStart, t->idx, t->val, n, m, B, t->relu, scale,
                       work)
          : sparse_form(gW, t->W, &tiles, t->rowStart, t->idx, t->val, n, m, B, t->relu, scale,
                        t->threads >= 2 && n >= SPLIT_MIN_N ? helper_of(sc) : NULL, work);
  fold_gb(gb, &tiles, n);
  *t->loss = (float)(lossSum / ((double)B * n));
  adam_update(t->W, gW, t->mW, t->vW, m * n, a);
  adam_update(t->b, gb, t->mb, t->vb, n, a);
  return 1;
}

/* ---- N-API ------------------------------------------------------------------------- */

static void scratch_finalize(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  ToyStepScratch *sc = data;
  if (sc->helper != NULL) helper_thread_stop(sc->helper);
  free(sc->block);
  free(sc);
}

napi_value toy_step_scratch_napi(napi_env env, napi_callback_info info) {
  (void)info;
  ToyStepScratch *sc = calloc(1, sizeof *sc);
  napi_value out;
  if (sc == NULL) {
    napi_throw_error(env, NULL, "tegum_native.toyStepScratch: out of memory");
    return NULL;
  }
  if (napi_create_external(env, sc, scratch_finalize, NULL, &out) != napi_ok) {
    free(sc);
    napi_throw_error(env, NULL, "tegum_native.toyStepScratch: N-API call failed");
    return NULL;
  }
  if (napi_type_tag_object(env, out, &SCRATCH_TAG) != napi_ok) { /* the finalizer frees sc */
    napi_throw_error(env, NULL, "tegum_native.toyStepScratch: N-API call failed");
    return NULL;
  }
  return out;
}

#define TOY_STEP_USAGE                                                                     \
  "tegum_native.toyStep(scratch, W, b, mW, vW, mb, vb, importance, loss, rowStart, idx, " \
  "val, shape Int32Array [inst, n, m, B, relu, threads], adam Float64Array [lr, beta1, "  \
  "beta2, eps, weightDecay, decoupled, step])"

/* toyStep(scratch, W, b, mW, vW, mb, vb, importance, loss, rowStart, idx, val, shape, adam):
 * one step of instance shape[0] of the state arrays ([nI, m, n] and [nI, n]) on the batch
 * rowStart [B + 1], idx, val (nonzeros of each sample, features in [0, n)). */
napi_value toy_step_napi(napi_env env, napi_callback_info info) {
  size_t argc = 14;
  napi_value a[14];
  if (napi_get_cb_info(env, info, &argc, a, NULL, NULL) != napi_ok || argc < 14) {
    napi_throw_error(env, NULL, TOY_STEP_USAGE);
    return NULL;
  }
  bool tagged = false;
  ToyStepScratch *sc = NULL;
  if (napi_check_object_type_tag(env, a[0], &SCRATCH_TAG, &tagged) != napi_ok || !tagged ||
      napi_get_value_external(env, a[0], (void **)&sc) != napi_ok) {
    napi_throw_type_error(env, NULL,
                          "tegum_native.toyStep: scratch must come from toyStepScratch()");
    return NULL;
  }
  int32_t *shape = NULL;
  double *adam = NULL;
  if (!typed_arg(env, a[12], napi_int32_array, 6, TOY_STEP_USAGE, (void **)&shape) ||
      !typed_arg(env, a[13], napi_float64_array, 7, TOY_STEP_USAGE, (void **)&adam))
    return NULL;
  const int inst = shape[0], n = shape[1], m = shape[2], B = shape[3];
  if (inst < 0 || n < 1 || m < 1 || B < 1) {
    napi_throw_range_error(env, NULL, "tegum_native.toyStep: inst ≥ 0 and n, m, B ≥ 1");
    return NULL;
  }
  /* The state's arrays, each long enough for instance `inst`. */
  const size_t nm = (size_t)n * m, upTo = (size_t)inst + 1;
  float *W, *b, *mW, *vW, *mb, *vb, *imp, *loss;
  const struct {
    float **data;
    size_t need;
    const char *msg;
  } state[] = {
      {&W, upTo * nm, "tegum_native.toyStep: W must be a Float32Array [nI, m, n]"},
      {&b, upTo * n, "tegum_native.toyStep: b must be a Float32Array [nI, n]"},
      {&mW, upTo * nm, "tegum_native.toyStep: mW must be a Float32Array [nI, m, n]"},
      {&vW, upTo * nm, "tegum_native.toyStep: vW must be a Float32Array [nI, m, n]"},
      {&mb, upTo * n, "tegum_native.toyStep: mb must be a Float32Array [nI, n]"},
      {&vb, upTo * n, "tegum_native.toyStep: vb must be a Float32Array [nI, n]"},
      {&imp, upTo * n, "tegum_native.toyStep: importance must be a Float32Array [nI, n]"},
      {&loss, upTo, "tegum_native.toyStep: loss must be a Float32Array [nI]"},
  };
  for (size_t k = 0; k < sizeof state / sizeof state[0]; k++) {
    if (!typed_arg(env, a[1 + k], napi_float32_array, state[k].need, state[k].msg,
                   (void **)state[k].data))
      return NULL;
  }
  /* The batch: rows in order, at most n nonzeros each, every feature inside [0, n) (the
   * kernels scatter through them). */
  int32_t *rowStart, *idx;
  float *val;
  if (!typed_arg(env, a[9], napi_int32_array, (size_t)B + 1,
                 "tegum_native.toyStep: rowStart must be an Int32Array [B + 1]",
                 (void **)&rowStart))
    return NULL;
  int rows_ok = rowStart[0] == 0;
  for (int s = 0; s < B && rows_ok; s++)
    rows_ok = rowStart[s + 1] >= rowStart[s] && rowStart[s + 1] - rowStart[s] <= n;
  const size_t nnz = rows_ok ? (size_t)rowStart[B] : 0;
  if (rows_ok &&
      (!typed_arg(env, a[10], napi_int32_array, nnz,
                  "tegum_native.toyStep: idx must be an Int32Array [rowStart[B]]", (void **)&idx) ||
       !typed_arg(env, a[11], napi_float32_array, nnz,
                  "tegum_native.toyStep: val must be a Float32Array [rowStart[B]]", (void **)&val)))
    return NULL;
  for (size_t t = 0; t < nnz && rows_ok; t++) rows_ok = idx[t] >= 0 && idx[t] < n;
  if (!rows_ok) {
    napi_throw_range_error(env, NULL,
                           "tegum_native.toyStep: rowStart must rise from 0 by at most n per "
                           "sample, and idx hold features in [0, n)");
    return NULL;
  }
  const size_t f0 = (size_t)inst * n;
  const ToyInstance t = {
      .W = W + inst * nm, .b = b + f0, .mW = mW + inst * nm, .vW = vW + inst * nm,
      .mb = mb + f0, .vb = vb + f0, .importance = imp + f0, .loss = loss + inst,
      .rowStart = rowStart, .idx = idx, .val = val, .n = n, .m = m, .B = B,
      .relu = shape[4] != 0, .threads = shape[5] > 1 ? shape[5] : 1,
  };
  const AdamParams ad = {
      .lr = adam[0], .beta1 = adam[1], .beta2 = adam[2], .eps = adam[3],
      .weightDecay = adam[4], .decoupled = adam[5] != 0, .step = adam[6],
  };
  if (!toy_step_instance(sc, &t, &ad)) {
    napi_throw_error(env, NULL, "tegum_native.toyStep: out of memory for its scratch");
  }
  return NULL;
}
