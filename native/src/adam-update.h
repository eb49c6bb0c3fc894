/*
 * One Adam / AdamW update of a flat float32 parameter block (adam-update.c), the native twin
 * of src/core/adam-update.ts.
 */
#ifndef TEGUM_ADAM_UPDATE_H
#define TEGUM_ADAM_UPDATE_H

/* Adam's hyper-parameters for one update; step is t ≥ 1 (for bias correction). */
typedef struct {
  double lr, beta1, beta2, eps, weightDecay;
  int decoupled; /* 1: AdamW (p ← p (1 − lr λ) first); 0: Adam with L2 (g ← g + λ p) */
  double step;
} AdamParams;

/* p, m, v [len] updated in place from the gradient g [len] (read only). */
void adam_update(float *p, const float *g, float *m, float *v, int len, const AdamParams *a);

#endif
