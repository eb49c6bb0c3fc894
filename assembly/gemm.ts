/**
 * 128-bit SIMD matrix products for the Gram kernels (AssemblyScript → WebAssembly).
 * Register-blocked outer products: a tile of 4 rows × 8 columns lives in eight f32x4
 * accumulators; each step broadcasts four scalars and loads two vectors, so V8's 16 XMM
 * registers hold the whole tile (Goto & van de Geijn 2008, "Anatomy of high-performance
 * matrix multiplication", §5); in the relaxed-SIMD build each multiply-add is fused.
 * Matrices are row-major with a padded leading dimension
 * `ld` ≥ ceil4(n) + 4 whose padding columns are zero, so tiles never need a scalar tail.
 */

/**
 * c + a·b lane by lane: one fused multiply-add (f32x4.relaxed_madd) in the relaxed-SIMD
 * build (`--enable relaxed-simd`: FMA where the CPU has it, so one rounding instead of
 * two), a multiply then an add in the plain-SIMD build. Chosen at compile time; small
 * enough that -O3 inlines it (Binaryen's inliner).
 */
function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** Columns of a panel kept in L2 while its tiles are swept (128 rows × 256 × 4 B = 128 KiB). */
const PANEL: i32 = 256;

/**
 * Upper triangle (by 4-row blocks) of G = VᵀV: G[i, j] = Σ_r V[r, i] V[r, j] for j ≥ i0,
 * for the row blocks i0 ∈ [iFrom, iTo) (multiples of 4: one thread's share).
 * G [ceil4(n), ld], V [d, ld], both zero-padded beyond column n.
 */
export function syrkUpper(
  G: usize,
  V: usize,
  d: i32,
  n: i32,
  ld: i32,
  iFrom: i32 = 0,
  iTo: i32 = i32.MAX_VALUE,
): void {
  const rowBytes = (<usize>ld) << 2;
  for (let jp = iFrom & ~(PANEL - 1); jp < n; jp += PANEL) {
    const jpEnd = min(jp + PANEL, n);
    for (let i0 = iFrom; i0 < min(jpEnd, iTo); i0 += 4) {
      for (let j = max(jp, i0); j < jpEnd; j += 8) {
        let c00 = f32x4.splat(0),
          c01 = f32x4.splat(0);
        let c10 = f32x4.splat(0),
          c11 = f32x4.splat(0);
        let c20 = f32x4.splat(0),
          c21 = f32x4.splat(0);
        let c30 = f32x4.splat(0),
          c31 = f32x4.splat(0);
        let pa = V + ((<usize>i0) << 2);
        let pb = V + ((<usize>j) << 2);
        for (let r = 0; r < d; r++) {
          const b0 = v128.load(pb);
          const b1 = v128.load(pb, 16);
          let a = v128.load32_splat(pa);
          c00 = madd(a, b0, c00);
          c01 = madd(a, b1, c01);
          a = v128.load32_splat(pa, 4);
          c10 = madd(a, b0, c10);
          c11 = madd(a, b1, c11);
          a = v128.load32_splat(pa, 8);
          c20 = madd(a, b0, c20);
          c21 = madd(a, b1, c21);
          a = v128.load32_splat(pa, 12);
          c30 = madd(a, b0, c30);
          c31 = madd(a, b1, c31);
          pa += rowBytes;
          pb += rowBytes;
        }
        let pc = G + <usize>i0 * rowBytes + ((<usize>j) << 2);
        v128.store(pc, c00);
        v128.store(pc, c01, 16);
        pc += rowBytes;
        v128.store(pc, c10);
        v128.store(pc, c11, 16);
        pc += rowBytes;
        v128.store(pc, c20);
        v128.store(pc, c21, 16);
        pc += rowBytes;
        v128.store(pc, c30);
        v128.store(pc, c31, 16);
      }
    }
  }
}

/** Tile edge for the cache-blocked transposes below (a 32 × 32 tile of f32 is 4 KiB). */
const TILE: i32 = 32;

/** Copies the upper triangle of G [n, ld] onto the lower one, tile rows i0 ∈ [iFrom, iTo). */
export function mirrorUpper(
  G: usize,
  n: i32,
  ld: i32,
  iFrom: i32 = 0,
  iTo: i32 = i32.MAX_VALUE,
): void {
  for (let i0 = iFrom; i0 < min(n, iTo); i0 += TILE) {
    for (let j0 = 0; j0 <= i0; j0 += TILE) {
      const iEnd = min(i0 + TILE, n);
      for (let i = i0; i < iEnd; i++) {
        const jEnd = min(j0 + TILE, i);
        for (let j = j0; j < jEnd; j++) {
          store<f32>(G + ((<usize>i * ld + j) << 2), load<f32>(G + ((<usize>j * ld + i) << 2)));
        }
      }
    }
  }
}

/** E ← E + Eᵀ for E [n, ld], tile by tile. */
export function symmetrize(E: usize, n: i32, ld: i32): void {
  for (let i0 = 0; i0 < n; i0 += TILE) {
    for (let j0 = i0; j0 < n; j0 += TILE) {
      const iEnd = min(i0 + TILE, n);
      for (let i = i0; i < iEnd; i++) {
        const jEnd = min(j0 + TILE, n);
        for (let j = max(j0, i); j < jEnd; j++) {
          const a = E + ((<usize>i * ld + j) << 2);
          const c = E + ((<usize>j * ld + i) << 2);
          const sij = load<f32>(a) + load<f32>(c);
          store<f32>(a, sij);
          store<f32>(c, sij);
        }
      }
    }
  }
}

/**
 * out = V·A for A [n, ld] (rows 0..n−1 read), V [ceil4(d), ld] and out [ceil4(d), ld]
 * (padding rows of V zero), columns j ∈ [jFrom, jTo) (multiples of 8: one thread's share).
 * Blocked over i so a [d, kc] block of V stays in cache.
 */
export function gemmRows(
  out: usize,
  V: usize,
  A: usize,
  d: i32,
  n: i32,
  ld: i32,
  jFrom: i32 = 0,
  jTo: i32 = i32.MAX_VALUE,
): void {
  const rowBytes = (<usize>ld) << 2;
  const kc: i32 = 256;
  for (let i0 = 0; i0 < n; i0 += kc) {
    const iEnd = min(i0 + kc, n);
    const first = i0 == 0;
    for (let j = jFrom; j < min(n, jTo); j += 8) {
      for (let r0 = 0; r0 < d; r0 += 4) {
        let pc = out + <usize>r0 * rowBytes + ((<usize>j) << 2);
        let c00 = f32x4.splat(0),
          c01 = f32x4.splat(0);
        let c10 = f32x4.splat(0),
          c11 = f32x4.splat(0);
        let c20 = f32x4.splat(0),
          c21 = f32x4.splat(0);
        let c30 = f32x4.splat(0),
          c31 = f32x4.splat(0);
        if (!first) {
          c00 = v128.load(pc);
          c01 = v128.load(pc, 16);
          c10 = v128.load(pc + rowBytes);
          c11 = v128.load(pc + rowBytes, 16);
          c20 = v128.load(pc + 2 * rowBytes);
          c21 = v128.load(pc + 2 * rowBytes, 16);
          c30 = v128.load(pc + 3 * rowBytes);
          c31 = v128.load(pc + 3 * rowBytes, 16);
        }
        let pa = V + <usize>r0 * rowBytes + ((<usize>i0) << 2);
        let pb = A + <usize>i0 * rowBytes + ((<usize>j) << 2);
        for (let i = i0; i < iEnd; i++) {
          const b0 = v128.load(pb);
          const b1 = v128.load(pb, 16);
          let a = v128.load32_splat(pa);
          c00 = madd(a, b0, c00);
          c01 = madd(a, b1, c01);
          a = v128.load32_splat(pa + rowBytes);
          c10 = madd(a, b0, c10);
          c11 = madd(a, b1, c11);
          a = v128.load32_splat(pa + 2 * rowBytes);
          c20 = madd(a, b0, c20);
          c21 = madd(a, b1, c21);
          a = v128.load32_splat(pa + 3 * rowBytes);
          c30 = madd(a, b0, c30);
          c31 = madd(a, b1, c31);
          pa += 4;
          pb += rowBytes;
        }
        v128.store(pc, c00);
        v128.store(pc, c01, 16);
        pc += rowBytes;
        v128.store(pc, c10);
        v128.store(pc, c11, 16);
        pc += rowBytes;
        v128.store(pc, c20);
        v128.store(pc, c21, 16);
        pc += rowBytes;
        v128.store(pc, c30);
        v128.store(pc, c31, 16);
      }
    }
  }
}
