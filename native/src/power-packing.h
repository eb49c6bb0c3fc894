/* The power objective's fused packing gradient (power-packing.c). */
#ifndef TEGUM_POWER_PACKING_H
#define TEGUM_POWER_PACKING_H

#include <node_api.h>

napi_value power_packing_gradient(napi_env env, napi_callback_info info);

#endif
