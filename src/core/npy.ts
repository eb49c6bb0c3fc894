/**
 * NumPy's `.npy` format, version 1.0 (numpy/lib/format.py, "NEP 1 — A Simple
 * File Format for NumPy Arrays"): the magic string \x93NUMPY, version bytes 1 0,
 * a little-endian uint16 header length, an ASCII Python dict literal
 * ({'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }) padded with
 * spaces and a final newline so the data starts at a multiple of 64 bytes, then
 * the raw little-endian C-order data. Pure encoding and decoding; callers do the
 * file I/O. Read in Python with `numpy.load(path)`.
 */

/** The element types tegum writes. */
export type NpyArray = Float32Array | Float64Array;

/** A decoded array: data and C-order shape. */
export interface Npy {
  data: NpyArray;
  shape: number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

/**
 * Encodes `data` with the given C-order shape as a `.npy` file's bytes.
 *
 * @param data Float32Array ('<f4') or Float64Array ('<f8').
 * @param shape non-negative integer dimensions whose product is data.length; [] for a scalar.
 */
export function encodeNpy(data: NpyArray, shape: readonly number[]): Uint8Array {
  if (!(data instanceof Float32Array || data instanceof Float64Array)) {
    throw new RangeError('encodeNpy: data must be a Float32Array or Float64Array');
  }
  for (const s of shape) {
    if (!Number.isInteger(s) || s < 0) {
      throw new RangeError(`encodeNpy: shape entries must be non-negative integers, got ${s}`);
    }
  }
  const count = shape.reduce((p, s) => p * s, 1);
  if (count !== data.length) {
    throw new RangeError(
      `encodeNpy: shape [${shape.join(', ')}] holds ${count} elements, data has ${data.length}`,
    );
  }
  const descr = data instanceof Float32Array ? '<f4' : '<f8';
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${tuple}, }`;
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((ALIGN - (unpadded % ALIGN)) % ALIGN) + '\n';
  const offset = MAGIC.length + 4 + header.length;
  const out = new Uint8Array(offset + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let k = 0; k < header.length; k++) out[10 + k] = header.charCodeAt(k);
  const view = new DataView(out.buffer, offset);
  const bytes = data.BYTES_PER_ELEMENT;
  // DataView fixes the byte order to little-endian whatever the host's.
  if (bytes === 4) for (let k = 0; k < data.length; k++) view.setFloat32(4 * k, data[k], true);
  else for (let k = 0; k < data.length; k++) view.setFloat64(8 * k, data[k], true);
  return out;
}

/**
 * Decodes a version 1.0 or 2.0 `.npy` of '<f4' or '<f8' in C order.
 *
 * @param bytes the file's contents.
 */
export function decodeNpy(bytes: Uint8Array): Npy {
  for (let k = 0; k < MAGIC.length; k++) {
    if (bytes[k] !== MAGIC[k]) throw new RangeError('decodeNpy: not a .npy file (bad magic)');
  }
  const major = bytes[6];
  if (major !== 1 && major !== 2) {
    throw new RangeError(`decodeNpy: unsupported .npy version ${major}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  let header = '';
  for (let k = 0; k < headerLength; k++) header += String.fromCharCode(bytes[start + k]);
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== '<f4' && descr !== '<f8') {
    throw new RangeError(`decodeNpy: dtype ${descr} unsupported; '<f4' and '<f8' are`);
  }
  if (fortran !== 'False') throw new RangeError('decodeNpy: only C-order arrays are supported');
  if (shapeText === undefined) throw new RangeError('decodeNpy: header has no shape');
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((p, s) => p * s, 1);
  const offset = start + headerLength;
  const width = descr === '<f4' ? 4 : 8;
  if (bytes.byteLength - offset < count * width) {
    throw new RangeError(`decodeNpy: data holds fewer than the ${count} elements of its shape`);
  }
  const data = width === 4 ? new Float32Array(count) : new Float64Array(count);
  for (let k = 0; k < count; k++) {
    data[k] =
      width === 4 ? dv.getFloat32(offset + 4 * k, true) : dv.getFloat64(offset + 8 * k, true);
  }
  return { data, shape };
}
