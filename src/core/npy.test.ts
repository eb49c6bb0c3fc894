import { describe, expect, it } from 'vitest';
import { decodeNpy, encodeNpy } from './npy.js';

function header(bytes: Uint8Array): string {
  const length = bytes[8] | (bytes[9] << 8);
  return String.fromCharCode(...bytes.subarray(10, 10 + length));
}

describe('encodeNpy', () => {
  it('writes the magic, version 1.0 and numpy’s header for a float32 matrix', () => {
    const bytes = encodeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    expect(header(bytes)).toMatch(
      /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/,
    );
    expect((10 + header(bytes).length) % 64).toBe(0);
    expect(bytes.length).toBe(10 + header(bytes).length + 24);
  });

  it('writes a 1-d shape as a one-tuple and a scalar as ()', () => {
    expect(header(encodeNpy(new Float64Array(4), [4]))).toContain("'shape': (4,)");
    expect(header(encodeNpy(Float64Array.of(7), []))).toContain("'shape': ()");
  });

  it('stores data little-endian: 1.0f is 00 00 80 3f', () => {
    const bytes = encodeNpy(Float32Array.of(1), [1]);
    expect([...bytes.subarray(bytes.length - 4)]).toEqual([0, 0, 0x80, 0x3f]);
  });

  it('round-trips float32 and float64 arrays of any rank through decodeNpy', () => {
    const a = Float32Array.from({ length: 24 }, (_, k) => k / 7 - 1);
    const got = decodeNpy(encodeNpy(a, [2, 3, 4]));
    expect(got.shape).toEqual([2, 3, 4]);
    expect(got.data).toBeInstanceOf(Float32Array);
    expect([...got.data]).toEqual([...a]);
    const b = Float64Array.from([Math.PI, -0, 1e-300]);
    const back = decodeNpy(encodeNpy(b, [3]));
    expect(back.data).toBeInstanceOf(Float64Array);
    expect([...back.data]).toEqual([...b]);
  });

  it('rejects a shape that does not hold the data', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow(/holds 6 elements, data has 5/);
    expect(() => encodeNpy(new Float32Array(0), [-1])).toThrow(/non-negative integers/);
  });
});

describe('decodeNpy', () => {
  it('rejects bytes that are not a .npy file', () => {
    expect(() => decodeNpy(new Uint8Array(16))).toThrow(/bad magic/);
  });
});
