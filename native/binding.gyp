{
  "targets": [
    {
      "target_name": "tegum_native",
      "sources": ["src/tegum-native.c"],
      "cflags": ["-O2", "-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-lopenblas"]
    }
  ]
}
