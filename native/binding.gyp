{
  "targets": [
    {
      "target_name": "tegum_native",
      "sources": ["src/tegum-native.c", "src/toy-step.c"],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra", "-ffp-contract=fast", "-fopenmp-simd", "-fno-math-errno"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lopenblas"]
    }
  ]
}
