{
  "targets": [
    {
      "target_name": "tegum_elementwise",
      "type": "static_library",
      "sources": ["src/power-packing.c"],
      "cflags": ["-O3", "-ffast-math", "-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"]
    },
    {
      "target_name": "tegum_native",
      "dependencies": ["tegum_elementwise"],
      "sources": [
        "src/tegum-native.c",
        "src/napi-args.c",
        "src/toy-step.c",
        "src/toy-neuron-step.c",
        "src/adam-update.c",
        "src/helper-thread.c"
      ],
      "cflags": ["-O3", "-std=c11", "-Wall", "-Wextra", "-ffp-contract=fast", "-fopenmp-simd", "-fno-math-errno"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lopenblas", "-lmvec", "-lm"]
    }
  ]
}
