/*
 * One Adam / AdamW update of a flat parameter block (Kingma & Ba 2015, Algorithm 1;
 * Loshchilov & Hutter 2019 for decoupled weight decay), the twin of src/core/adam-update.ts
 * and computed as it is, in double, rounded to float32 where stored: as PyTorch's
 * torch.optim.Adam,
 *   p ← p − (lr / (1 − β1ᵗ)) m / (√v / √(1 − β2ᵗ) + ε),
 * AdamW first p ← p (1 − lr λ), Adam with L2 g ← g + λ p.
 */
#include "adam-update.h"

#include <math.h>

#include "simd-clones.h"

HOT void adam_update(float *restrict p, const float *restrict g, float *restrict mo,
                     float *restrict ve, int len, const AdamParams *a) {
  const double bc1 = 1 - pow(a->beta1, a->step);
  const double sqrtBc2 = sqrt(1 - pow(a->beta2, a->step));
  const double stepSize = a->lr / bc1;
  const double decay = a->decoupled ? 1 - a->lr * a->weightDecay : 1;
  const double l2 = a->decoupled ? 0 : a->weightDecay;
  const double b1 = a->beta1, b2 = a->beta2, eps = a->eps;
  for (int k = 0; k < len; k++) {
    const double pk = (double)p[k] * decay;
    const double gk = (double)g[k] + l2 * pk;
    const double mk = b1 * mo[k] + (1 - b1) * gk;
    const double vk = b2 * ve[k] + (1 - b2) * gk * gk;
    mo[k] = (float)mk;
    ve[k] = (float)vk;
    p[k] = (float)(pk - (stepSize * mk) / (sqrt(vk) / sqrtBc2 + eps));
  }
}
