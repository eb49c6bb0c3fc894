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

/** A .npy file with the given header dict text and `dataBytes` bytes of data. */
function withHeader(dict: string, dataBytes: number): Uint8Array {
  const header = dict + ' '.repeat(63 - ((10 + dict.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + dataBytes);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let k = 0; k < header.length; k++) out[10 + k] = header.charCodeAt(k);
  return out;
}

describe('decodeNpy', () => {
  it('rejects bytes that are not a .npy file', () => {
    expect(() => decodeNpy(new Uint8Array(16))).toThrow(/bad magic/);
  });

  it('reads the header numpy writes, in one or any dimensions', () => {
    const got = decodeNpy(
      withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8),
    );
    expect(got.shape).toEqual([2]);
    expect(
      decodeNpy(withHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 8)).shape,
    ).toEqual([]);
  });

  it.each([
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (a,), }", 'letters'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,), }", 'a fraction'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (-1, 2), }", 'a negative'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2), }", 'no tuple comma'],
    ["{'descr': '<f4', 'shape': (2,), }", 'no fortran_order'],
    ["{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1, }", 'an extra key'],
    ["{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 'a key twice'],
    ["'descr': '<f4', 'fortran_order': False, 'shape': (2,)", 'no braces'],
  ])('rejects the header %s (%s)', (dict) => {
    expect(() => decodeNpy(withHeader(dict, 8))).toThrow(/decodeNpy: malformed header/);
  });

  it('rejects a buffer shorter than its shape, or than its header', () => {
    const ok = withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 24);
    expect(() => decodeNpy(ok.subarray(0, ok.length - 1))).toThrow(/needs 24 data bytes/);
    expect(() => decodeNpy(ok.subarray(0, 40))).toThrow(/the header claims/);
    expect(() => decodeNpy(ok.subarray(0, 8))).toThrow(/too short/);
  });

  it('names its argument when it is not bytes', () => {
    expect(() => decodeNpy(undefined as unknown as Uint8Array)).toThrow(
      /decodeNpy: bytes must be a Uint8Array/,
    );
  });
});
