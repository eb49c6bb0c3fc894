/* The N-API argument helpers (napi-args.h). */
#include "napi-args.h"

#include <math.h>
#include <stdint.h>

napi_value throw_error(napi_env env, const char *msg) {
  napi_throw_error(env, NULL, msg);
  return NULL;
}

int f32_arg(napi_env env, napi_value v, size_t need, const char *name, float **out) {
  bool is_typed = false;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed) {
    napi_throw_type_error(env, NULL, name);
    return 0;
  }
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != napi_float32_array || length < need) {
    napi_throw_range_error(env, NULL, name);
    return 0;
  }
  *out = (float *)data;
  return 1;
}

int int_arg(napi_env env, napi_value v, int *out) {
  int32_t x = -1;
  if (napi_get_value_int32(env, v, &x) != napi_ok || x < 0) {
    napi_throw_range_error(env, NULL, "tegum_native: dimensions must be non-negative integers");
    return 0;
  }
  *out = x;
  return 1;
}

int num_arg(napi_env env, napi_value v, const char *name, double *out) {
  double x = NAN;
  if (napi_get_value_double(env, v, &x) != napi_ok || !isfinite(x)) {
    napi_throw_range_error(env, NULL, name);
    return 0;
  }
  *out = x;
  return 1;
}

int typed_arg(napi_env env, napi_value v, napi_typedarray_type want, size_t need,
                     const char *msg, void **out) {
  bool is_typed = false;
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (napi_is_typedarray(env, v, &is_typed) != napi_ok || !is_typed ||
      napi_get_typedarray_info(env, v, &type, &length, &data, NULL, NULL) != napi_ok ||
      type != want || length < need) {
    napi_throw_range_error(env, NULL, msg);
    return 0;
  }
  *out = data;
  return 1;
}
