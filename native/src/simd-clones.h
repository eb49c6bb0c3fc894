/*
 * HOT marks a loop-heavy function to be compiled for AVX-512 and AVX2 (with FMA) beside the
 * baseline, one chosen at load time by the CPU (GCC function multiversioning, x86-64 only;
 * elsewhere the one baseline build).
 */
#ifndef TEGUM_SIMD_CLONES_H
#define TEGUM_SIMD_CLONES_H

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define HOT
#endif

#endif
