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
      "sources": ["src/tegum-native.c", "src/napi-args.c"],
      "cflags": ["-O3", "-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lopenblas", "-lmvec", "-lm"]
    }
  ]
}
