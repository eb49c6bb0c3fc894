/*
 * The toy models' training step in C (toy-step.c): what the addon's module init
 * (tegum-native.c) registers, and the one-instance kernel with its arguments.
 */
#ifndef TEGUM_TOY_STEP_H
#define TEGUM_TOY_STEP_H

#include <node_api.h>
#include <stdint.h>

#include "adam-update.h"

/* One instance's parameters, moments and batch (rows of B samples in CSR). */
typedef struct {
  float *W, *b, *mW, *vW, *mb, *vb; /* [m, n], [n], [m, n], [m, n], [n], [n] */
  const float *importance;          /* [n] */
  float *loss;                      /* out: the batch's loss (before the update) */
  const int32_t *rowStart;          /* [B + 1] */
  const int32_t *idx;               /* [rowStart[B]] features, each in [0, n) */
  const float *val;                 /* [rowStart[B]] their values */
  int n, m, B, relu;
  int threads; /* threads the sample pass may use (OpenBLAS's count: it idles meanwhile) */
} ToyInstance;

typedef struct ToyStepScratch ToyStepScratch;

/* One step of one instance; 0 when its scratch could not be allocated. */
int toy_step_instance(ToyStepScratch *sc, const ToyInstance *t, const AdamParams *a);

/* toyStepScratch(): a scratch external for toyStep, one per thread of steps. */
napi_value toy_step_scratch_napi(napi_env env, napi_callback_info info);
/* toyStep(scratch, W, b, mW, vW, mb, vb, importance, loss, rowStart, idx, val, shape, adam). */
napi_value toy_step_napi(napi_env env, napi_callback_info info);

#endif
