/*
 * The N-API argument helpers every file of tegum's addon shares: a checked Float32Array
 * or typed-array argument and a checked non-negative int32, each leaving a pending JavaScript exception
 * (TypeError or RangeError naming the argument) when the value does not fit.
 */
#ifndef TEGUM_NAPI_ARGS_H
#define TEGUM_NAPI_ARGS_H

#include <node_api.h>
#include <stddef.h>

#define CHECK(call)                                                                       \
  do {                                                                                    \
    if ((call) != napi_ok) return throw_error(env, "tegum_native: N-API call failed");    \
  } while (0)

/* Throws a JavaScript Error with `msg`; returns NULL for the callback to return. */
napi_value throw_error(napi_env env, const char *msg);

/* The float32 data of argument `v`, at least `need` elements long, in *out (NULL for an
 * empty array); returns 0 (with a pending exception) otherwise. */
int f32_arg(napi_env env, napi_value v, size_t need, const char *name, float **out);

/* Integer argument `v` in [0, 2^31). */
int int_arg(napi_env env, napi_value v, int *out);

/* Finite number argument `v`. */
int num_arg(napi_env env, napi_value v, const char *name, double *out);

/* The data of typed-array argument `v` of type `want`, at least `need` elements long, in
 * *out; returns 0 (with a pending RangeError `msg`) otherwise. */
int typed_arg(napi_env env, napi_value v, napi_typedarray_type want, size_t need,
              const char *msg, void **out);

#endif
