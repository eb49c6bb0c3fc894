/*
 * The neuron models' training step in C (toy-neuron-step.c; Elhage et al. 2022, docs/ARCHITECTURE.md
 * §3): what the addon's module init
 * (tegum-native.c) registers, and the one-instance kernel with its arguments.
 */
#ifndef TEGUM_TOY_NEURON_STEP_H
#define TEGUM_TOY_NEURON_STEP_H

#include <node_api.h>
#include <stdint.h>

#include "adam-update.h"

/* One instance's parameters, moments and batch (rows of B samples in CSR). */
typedef struct {
  float *W, *b, *mW, *vW, *mb, *vb; /* [m, n], [n], [m, n], [m, n], [n], [n] */
  float *W2, *mW2, *vW2;            /* [n, m] the untied second layer (NULL where tied) */
  const float *V;                   /* [m, n] the second layer as rows: W, or W2ᵀ (set by the step) */
  const float *importance;          /* [n] */
  float *loss;                      /* out: the batch's loss (before the update) */
  const int32_t *rowStart;          /* [B + 1] */
  const int32_t *idx;               /* [rowStart[B]] features, each in [0, n) */
  const float *val;                 /* [rowStart[B]] their values */
  int n, m, B, tied;
  int threads; /* threads the per-sample form may use (OpenBLAS's count: it idles meanwhile) */
} NeuronInstance;

typedef struct ToyNeuronScratch ToyNeuronScratch;

/* One step of one instance; 0 when its scratch could not be allocated. */
int toy_neuron_step_instance(ToyNeuronScratch *sc, NeuronInstance *t, const AdamParams *a);

/* toyNeuronScratch(): a scratch external for toyNeuronStep, one per thread of steps. */
napi_value toy_neuron_scratch_napi(napi_env env, napi_callback_info info);
/* toyNeuronStep(scratch, W, b, mW, vW, mb, vb, W2, mW2, vW2, importance, loss, rowStart, idx,
 * val, shape, adam). */
napi_value toy_neuron_step_napi(napi_env env, napi_callback_info info);

#endif
