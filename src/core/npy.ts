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
  if (!(bytes instanceof Uint8Array)) {
    throw new RangeError('decodeNpy: bytes must be a Uint8Array (the file contents)');
  }
  if (bytes.length < 10) throw new RangeError('decodeNpy: too short for a .npy header');
  for (let k = 0; k < MAGIC.length; k++) {
    if (bytes[k] !== MAGIC[k]) throw new RangeError('decodeNpy: not a .npy file (bad magic)');
  }
  const major = bytes[6];
  if (major !== 1 && major !== 2) {
    throw new RangeError(`decodeNpy: unsupported .npy version ${major}`);
  }
  const start = major === 1 ? 10 : 12;
  if (bytes.length < start) throw new RangeError('decodeNpy: too short for a .npy header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  if (start + headerLength > bytes.length) {
    throw new RangeError(
      `decodeNpy: the header claims ${headerLength} bytes, the buffer has ${bytes.length - start}`,
    );
  }
  let header = '';
  for (let k = 0; k < headerLength; k++) header += String.fromCharCode(bytes[start + k]);
  const { descr, shape } = parseHeader(header);
  const count = shape.reduce((p, s) => p * s, 1);
  const offset = start + headerLength;
  const width = descr === '<f4' ? 4 : 8;
  if (!Number.isSafeInteger(count * width) || bytes.byteLength - offset !== count * width) {
    throw new RangeError(
      `decodeNpy: shape (${shape.join(', ')}) needs ${count * width} data bytes, the buffer has ${bytes.byteLength - offset}`,
    );
  }
  const data = width === 4 ? new Float32Array(count) : new Float64Array(count);
  for (let k = 0; k < count; k++) {
    data[k] =
      width === 4 ? dv.getFloat32(offset + 4 * k, true) : dv.getFloat64(offset + 8 * k, true);
  }
  return { data, shape };
}

/**
 * The header's Python dict literal, strictly: exactly the keys descr ('<f4' or
 * '<f8'), fortran_order (False) and shape (a tuple of non-negative integers,
 * `(n,)` for one dimension, `()` for a scalar), in any order.
 */
function parseHeader(header: string): { descr: '<f4' | '<f8'; shape: number[] } {
  const text = header.replace(/[\s\n]+$/, '');
  const bad = (why: string) => new RangeError(`decodeNpy: malformed header (${why}): ${text}`);
  if (!text.startsWith('{') || !text.endsWith('}')) throw bad('not a dict');
  const entry = /\s*'(\w+)':\s*('[^']*'|True|False|\([^()]*\))\s*(,|$)/y;
  const body = text.slice(1, -1);
  const fields = new Map<string, string>();
  entry.lastIndex = 0;
  while (entry.lastIndex < body.length) {
    const at = entry.lastIndex;
    const m = entry.exec(body);
    if (!m) {
      if (body.slice(at).trim() === '') break;
      throw bad('unreadable entry');
    }
    if (fields.has(m[1])) throw bad(`'${m[1]}' twice`);
    fields.set(m[1], m[2]);
    if (m[3] === '') break;
  }
  const keys = [...fields.keys()].sort().join(',');
  if (keys !== 'descr,fortran_order,shape') throw bad('needs exactly descr, fortran_order, shape');
  const descr = fields.get('descr');
  if (descr !== "'<f4'" && descr !== "'<f8'") {
    throw new RangeError(`decodeNpy: dtype ${descr} unsupported; '<f4' and '<f8' are`);
  }
  if (fields.get('fortran_order') !== 'False') {
    throw new RangeError('decodeNpy: only C-order arrays are supported');
  }
  const tuple = (fields.get('shape') ?? '').slice(1, -1).trim();
  if (!/^$|^\d+\s*,$|^\d+(\s*,\s*\d+)+\s*,?$/.test(tuple)) {
    throw bad('shape must be a tuple of non-negative integers, (n,) for one dimension');
  }
  const shape =
    tuple === ''
      ? []
      : tuple
          .split(',')
          .filter((t) => t.trim() !== '')
          .map(Number);
  if (!shape.every(Number.isSafeInteger)) throw bad('shape entries too large');
  return { descr: descr === "'<f4'" ? '<f4' : '<f8', shape };
}
