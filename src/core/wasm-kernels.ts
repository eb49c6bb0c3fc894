/**
 * The WebAssembly backend: instantiates the AssemblyScript SIMD kernels (assembly/, built
 * to dist/core/tegum-kernels.wasm by `npm run build`) and wraps them in the signatures of
 * the TypeScript references. Caller-owned arrays are copied into the module's memory with
 * the padded row stride the SIMD tiles need (ld = ceil4(n) + 4, zero padding) and results
 * copied back; the copies are memcpy-speed and small beside the kernels' O(n²d) work.
 */

import type { Kernels } from './backend.js';
import { companionUrl } from './companion-url.js';
import { instanceShares } from './neuron-instance-shares.js';
import { relaxedSimdSupported } from './relaxed-simd.js';
import type { ToyState } from './toy-state.js';
import {
  OP,
  shares,
  teamGram,
  teamGramTimes,
  teamMirror,
  teamSyrk,
  type PartExports,
  type ThreadTeam,
} from './wasm-parts.js';
import { hasNeurons } from './toy-models.js';

export interface Exports extends PartExports {
  heapBase(): number;
  gram(G: number, V: number, d: number, n: number, ld: number): void;
  gramTimes(out: number, V: number, A: number, d: number, n: number, ld: number): void;
  // prettier-ignore
  powerPackingGradient(out: number, V: number, G: number, d: number, n: number, ld: number,
    alpha: number, smoothing: number): number;
  powerUpper(G: number, n: number, ld: number, alpha: number, smoothing: number): number;
  toyScratchBytes(n: number, m: number, ld: number): number;
  toyDataBytes(): number;
  // prettier-ignore
  toyData(at: number, density: number, invLogQ: number, rng: number, unitStream: number,
    unitStart: number, unitKind: number, unitFeature: number, unitProbability: number,
    nUnits: number, signed: number): number;
  // prettier-ignore
  toySampleBatch(x: number, data: number, inst: number, B: number, n: number, nzIdx: number,
    nzVal: number): void;
  // prettier-ignore
  toySampleCsr(rowStart: number, nzIdx: number, nzVal: number, data: number, inst: number,
    B: number, n: number): number;
  toyTeamScratchBytes(n: number, m: number, B: number, ld: number, T: number): number;
  // prettier-ignore
  toyTeamLayout(scratch: number, n: number, m: number, B: number, ld: number, T: number,
    relu: boolean): void;
  toyTeamWp(scratch: number): number;
  toyTeamG(scratch: number): number;
  toyTeamS(scratch: number): number;
  toyTeamGW(scratch: number): number;
  /** Instance `inst`'s prepare and finish of the threaded step (args: a ToyStepArgs). */
  toyPrepare(args: number, inst: number): void;
  toyFinish(args: number, inst: number): void;
  /** One step of every instance (args: a ToyStepArgs, assembly/toy-step-args.ts). */
  toyTrainStep(args: number): void;
  toyStepArgsBytes(): number;
  toyStepArgsOffset(field: number): number;
  /** The neuron models' step (assembly/toy-neuron.ts): all instances on one thread. */
  toyNeuronStep(args: number): void;
  toyNeuronScratchBytes(n: number, m: number, B: number, ld: number, T: number): number;
  /** Its phases for the team: layout once, then per instance prepare, samples, finish. */
  toyNeuronLayout(scratch: number, args: number, T: number): void;
  toyNeuronPrepare(scratch: number, args: number, inst: number): void;
  toyNeuronFinish(scratch: number, args: number, inst: number): void;
  /** One thread's scratch in the instance split (toyNeuronInstancesPart). */
  toyNeuronInstanceBytes(n: number, m: number, B: number, ld: number): number;
}

/**
 * The toy step's descriptor (assembly/toy-step-args.ts): its fields in the order whose
 * offsets `toyStepArgsOffset` reports, each with how it is stored.
 */
const TOY_STEP_ARGS = [
  ['W', 'u32'],
  ['b', 'u32'],
  ['mW', 'u32'],
  ['vW', 'u32'],
  ['mb', 'u32'],
  ['vb', 'u32'],
  ['importance', 'u32'],
  ['data', 'u32'],
  ['loss', 'u32'],
  ['scratch', 'u32'],
  ['nI', 'i32'],
  ['n', 'i32'],
  ['m', 'i32'],
  ['B', 'i32'],
  ['ld', 'i32'],
  ['relu', 'i32'],
  ['decoupled', 'i32'],
  ['step', 'i32'],
  ['lr', 'f64'],
  ['beta1', 'f64'],
  ['beta2', 'f64'],
  ['eps', 'f64'],
  ['weightDecay', 'f64'],
  ['W2', 'u32'],
  ['mW2', 'u32'],
  ['vW2', 'u32'],
  ['model', 'i32'],
] as const;

/** ToyStepArgs.model: which kernel the descriptor's step runs (assembly/toy-step-args.ts). */
const MODEL_CODE = { 'relu-output': 0, linear: 0, neuron: 1, abs: 2 } as const;

/** The descriptor's values, by field name. */
type ToyStepArgs = Record<(typeof TOY_STEP_ARGS)[number][0], number>;

/** Writes a ToyStepArgs at `at` in `buf` at the module's own offsets. */
function writeToyStepArgs(x: Exports, buf: ArrayBuffer, at: number, args: ToyStepArgs): void {
  const view = new DataView(buf, at, x.toyStepArgsBytes());
  TOY_STEP_ARGS.forEach(([name, type], i) => {
    const o = x.toyStepArgsOffset(i);
    if (type === 'f64') view.setFloat64(o, args[name], true);
    else if (type === 'u32') view.setUint32(o, args[name], true);
    else view.setInt32(o, args[name], true);
  });
}

const ceil4 = (x: number) => (x + 3) & ~3;
const strideOf = (n: number) => ceil4(n) + 4;

/**
 * The built module's file: the relaxed-SIMD build (fused multiply-adds) where the engine
 * validates it, else the plain-SIMD one; `shared` for the threaded backend's memory.
 */
export async function kernelsFile(shared: boolean): Promise<string> {
  const relaxed = await relaxedSimdSupported();
  return `tegum-kernels${shared ? '-shared' : ''}${relaxed ? '-relaxed' : ''}.wasm`;
}

/** The built module's bytes (Node: read from dist/core next to this file or from src). */
export async function defaultSource(file: string): Promise<BufferSource> {
  const fsModule = 'node:fs/promises'; // in a variable: browser bundlers leave it alone
  const { readFile } = (await import(
    /* @vite-ignore */ fsModule
  )) as typeof import('node:fs/promises');
  try {
    return await readFile(companionUrl(file, import.meta.url));
  } catch {
    throw new Error(`${file} not found: run \`npm run build\` to compile assembly/`);
  }
}

export const env = {
  abort: () => {
    throw new Error('tegum-kernels.wasm aborted');
  },
};

/** Work (multiply-adds) below which a Gram kernel stays on one thread: waking costs ~50 µs. */
const THREADED_MIN_WORK = 1 << 22;
/** n²m below which a toy instance keeps the fused single-thread kernel (5 meetings a step). */
const TOY_THREADED_MIN_WORK = 1 << 20;
/**
 * Multiply-adds per instance (B·n·m, a dense sample's hidden layer) below which a neuron
 * model's instance is not split by samples across the team (each split costs two meetings
 * of the team); whole instances are still shared out when they balance (instanceShares).
 */
const NEURON_THREADED_MIN_WORK = 1 << 18;

/**
 * Compiles and instantiates the kernels; one instance (and one memory) per call.
 * @param source the module's bytes (default: the build next to this file, relaxed-SIMD
 *   where supported); with `threads` > 1, the bytes of a shared-memory build
 *   (tegum-kernels-shared[-relaxed].wasm)
 * @param threads threads for gram and gramTimes (Node's worker_threads; default 1)
 */
export async function loadWasmKernels(source?: BufferSource, threads = 1): Promise<Kernels> {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`threads must be a positive integer, got ${threads}`);
  }
  if (threads === 1) {
    await relaxedSimdSupported(); // sets V8's flag first where a given source needs it
    const bytes = source ?? (await defaultSource(await kernelsFile(false)));
    const { instance } = await WebAssembly.instantiate(bytes, { env });
    const x = instance.exports as unknown as Exports & { memory: WebAssembly.Memory };
    return wrap(x, x.memory);
  }
  await relaxedSimdSupported();
  const module = await WebAssembly.compile(
    source ?? (await defaultSource(await kernelsFile(true))),
  );
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 16384, shared: true });
  const instance = await WebAssembly.instantiate(module, { env: { ...env, memory } });
  const x = instance.exports as unknown as Exports;
  const threadsModule = './wasm-threads.js'; // Node only: browser bundles leave it out
  const { startTeam } = (await import(
    /* @vite-ignore */ threadsModule
  )) as typeof import('./wasm-threads.js');
  return wrap(x, memory, await startTeam(module, memory, x, threads));
}

/** The toy data's exports (assembly/toy-sample-stream.ts). */
export type ToyDataExports = Pick<Exports, 'toyDataBytes' | 'toyData'>;

/** Where allocToyData placed a state's sampling tables and generators (byte offsets). */
export type ToyDataAt = ReturnType<typeof allocToyData>;

/** Allocates a state's sampling tables and generators with `alloc` (before memory grows). */
export function allocToyData(alloc: (bytes: number) => number, x: ToyDataExports, s: ToyState) {
  const sm = s.sampling;
  return {
    data: alloc(x.toyDataBytes()),
    density: alloc(sm.density.byteLength),
    invLogQ: alloc(s.invLogQ.byteLength),
    rng: alloc(s.rngState.byteLength),
    unitStream: alloc(sm.unitStream.byteLength),
    unitStart: alloc(sm.unitStart.byteLength),
    unitKind: alloc(sm.unitKind.byteLength),
    unitFeature: alloc(sm.unitFeature.byteLength),
    unitProbability: alloc(sm.unitProbability.byteLength),
  };
}

/** Copies them into `buf` (after it grew) and lays out the ToyData the kernels read. */
export function putToyData(
  x: ToyDataExports,
  buf: ArrayBufferLike,
  s: ToyState,
  at: ToyDataAt,
): void {
  const sm = s.sampling;
  new Float32Array(buf, at.density, sm.density.length).set(sm.density);
  new Float64Array(buf, at.invLogQ, s.invLogQ.length).set(s.invLogQ);
  new Uint32Array(buf, at.rng, s.rngState.length).set(s.rngState);
  new Int32Array(buf, at.unitStream, sm.unitStream.length).set(sm.unitStream);
  new Int32Array(buf, at.unitStart, sm.unitStart.length).set(sm.unitStart);
  new Int32Array(buf, at.unitKind, sm.unitKind.length).set(sm.unitKind);
  new Int32Array(buf, at.unitFeature, sm.unitFeature.length).set(sm.unitFeature);
  new Float32Array(buf, at.unitProbability, sm.unitProbability.length).set(sm.unitProbability);
  // prettier-ignore
  x.toyData(at.data, at.density, at.invLogQ, at.rng, at.unitStream, at.unitStart, at.unitKind,
    at.unitFeature, at.unitProbability, sm.nUnits, s.signed ? 1 : 0);
}

function wrap(x: Exports, memory: WebAssembly.Memory, team?: ThreadTeam): Kernels {
  const base = x.heapBase();
  let top = base;
  // Bump allocation, reset by every kernel call; grows memory before any view is made.
  const alloc = (bytes: number): number => {
    const at = (top + 15) & ~15;
    top = at + bytes;
    return at;
  };
  const commit = (): void => {
    const need = top - memory.buffer.byteLength;
    if (need > 0) memory.grow(Math.ceil(need / 65536));
  };
  /** Copies rows [rows, cols] into [*, ld] at byte offset `at`, zeroing padding columns. */
  const putRows = (
    f32: Float32Array,
    at: number,
    src: Float32Array,
    rows: number,
    cols: number,
    ld: number,
  ) => {
    for (let r = 0; r < rows; r++) {
      const o = (at >> 2) + r * ld;
      f32.set(src.subarray(r * cols, (r + 1) * cols), o);
      f32.fill(0, o + cols, o + ld);
    }
  };
  const getRows = (
    dst: Float32Array,
    f32: Float32Array,
    at: number,
    rows: number,
    cols: number,
    ld: number,
  ) => {
    for (let r = 0; r < rows; r++) {
      const o = (at >> 2) + r * ld;
      dst.set(f32.subarray(o, o + cols), r * cols);
    }
  };

  return {
    name: 'wasm',
    toySampleBatch(out: Float32Array, s: ToyState, inst: number) {
      const { batchSize: B, nFeatures: n } = s;
      top = base;
      const d = allocToyData(alloc, x, s);
      const px = alloc(B * n * 4);
      const nzIdx = alloc(n * 4);
      const nzVal = alloc(n * 4);
      commit();
      putToyData(x, memory.buffer, s, d);
      x.toySampleBatch(px, d.data, inst, B, n, nzIdx, nzVal);
      out.set(new Float32Array(memory.buffer, px, B * n));
      s.rngState.set(new Uint32Array(memory.buffer, d.rng, s.rngState.length));
    },
    gram(G, V, d, n) {
      if (n === 0) return;
      const ld = strideOf(n);
      top = base;
      const pV = alloc(d * ld * 4);
      const pG = alloc(ceil4(n) * ld * 4);
      commit();
      const f32 = new Float32Array(memory.buffer);
      putRows(f32, pV, V, d, n, ld);
      if (team !== undefined && n * n * d > THREADED_MIN_WORK) teamGram(team, pG, pV, d, n, ld);
      else x.gram(pG, pV, d, n, ld);
      getRows(G, f32, pG, n, n, ld);
    },
    gramTimes(out, V, A, d, n) {
      if (n === 0 || d === 0) return;
      const ld = strideOf(n);
      const d4 = ceil4(d);
      top = base;
      const pV = alloc(d4 * ld * 4);
      const pA = alloc(n * ld * 4);
      const pOut = alloc(d4 * ld * 4);
      commit();
      const f32 = new Float32Array(memory.buffer);
      putRows(f32, pV, V, d, n, ld);
      f32.fill(0, (pV >> 2) + d * ld, (pV >> 2) + d4 * ld);
      putRows(f32, pA, A, n, n, ld);
      if (team !== undefined && n * n * d > THREADED_MIN_WORK) {
        teamGramTimes(team, pOut, pV, pA, d, n, ld);
      } else x.gramTimes(pOut, pV, pA, d, n, ld);
      getRows(out, f32, pOut, d, n, ld);
    },
    powerPackingGradient(out, V, _G, d, n, alpha, smoothing) {
      // G stays in this module's memory: only V goes in and V·A comes out.
      if (n === 0 || d === 0) return 0;
      const ld = strideOf(n);
      const d4 = ceil4(d);
      top = base;
      const pV = alloc(d4 * ld * 4);
      const pG = alloc(ceil4(n) * ld * 4);
      const pOut = alloc(d4 * ld * 4);
      commit();
      const f32 = new Float32Array(memory.buffer);
      putRows(f32, pV, V, d, n, ld);
      f32.fill(0, (pV >> 2) + d * ld, (pV >> 2) + d4 * ld);
      let loss: number;
      if (team !== undefined && n * n * d > THREADED_MIN_WORK) {
        teamSyrk(team, pG, pV, d, n, ld);
        loss = x.powerUpper(pG, n, ld, alpha, smoothing);
        teamMirror(team, pG, n, ld);
        teamGramTimes(team, pOut, pV, pG, d, n, ld);
      } else loss = x.powerPackingGradient(pOut, pV, pG, d, n, ld, alpha, smoothing);
      getRows(out, f32, pOut, d, n, ld);
      return loss;
    },
    toyTrainStep(s: ToyState, lr: number, loss: Float32Array) {
      const { nInstances: nI, nFeatures: n, nHidden: m } = s;
      const ld = strideOf(n);
      const neuron = hasNeurons(s.model);
      top = base;
      const at = {
        W: alloc(s.W.byteLength),
        b: alloc(s.b.byteLength),
        mW: alloc(s.mW.byteLength),
        vW: alloc(s.vW.byteLength),
        mb: alloc(s.mb.byteLength),
        vb: alloc(s.vb.byteLength),
        W2: alloc(s.W2.byteLength),
        mW2: alloc(s.mW2.byteLength),
        vW2: alloc(s.vW2.byteLength),
        importance: alloc(s.importance.byteLength),
        loss: alloc(nI * 4),
        scratch: 0,
        args: alloc(x.toyStepArgsBytes()),
      };
      const d = allocToyData(alloc, x, s);
      const T = team?.size ?? 1;
      const B = s.batchSize;
      const split =
        team !== undefined &&
        (neuron ? B * n * m >= NEURON_THREADED_MIN_WORK : n * n * m >= TOY_THREADED_MIN_WORK);
      // The neuron models on a team: whole instances per thread where there are enough to
      // share evenly, else each instance's samples split.
      const byInstance =
        neuron && team !== undefined ? instanceShares(s.sampling.density, n, m, T) : undefined;
      at.scratch = alloc(
        byInstance !== undefined
          ? T * x.toyNeuronInstanceBytes(n, m, B, ld)
          : neuron
            ? x.toyNeuronScratchBytes(n, m, B, ld, split ? T : 1)
            : split
              ? x.toyTeamScratchBytes(n, m, B, ld, T)
              : x.toyScratchBytes(n, m, ld),
      );
      commit();
      const buf = memory.buffer;
      const f32 = new Float32Array(buf);
      const io = [
        [s.W, at.W],
        [s.b, at.b],
        [s.mW, at.mW],
        [s.vW, at.vW],
        [s.mb, at.mb],
        [s.vb, at.vb],
        [s.W2, at.W2],
        [s.mW2, at.mW2],
        [s.vW2, at.vW2],
      ] as const;
      for (const [arr, p] of io) f32.set(arr, p >> 2);
      f32.set(s.importance, at.importance >> 2);
      putToyData(x, buf, s, d);
      writeToyStepArgs(x, buf, at.args, {
        W: at.W,
        b: at.b,
        mW: at.mW,
        vW: at.vW,
        mb: at.mb,
        vb: at.vb,
        importance: at.importance,
        data: d.data,
        loss: at.loss,
        scratch: at.scratch,
        nI,
        n,
        m,
        B,
        ld,
        relu: s.relu ? 1 : 0,
        decoupled: s.decoupled ? 1 : 0,
        step: s.step,
        lr,
        beta1: s.beta1,
        beta2: s.beta2,
        eps: s.eps,
        weightDecay: s.weightDecay,
        W2: at.W2,
        mW2: at.mW2,
        vW2: at.vW2,
        model: MODEL_CODE[s.model],
      });
      if (byInstance !== undefined) team?.run(OP.toyNeuronInstances, [at.args], byInstance);
      else if (neuron && split) {
        // Each instance's samples split evenly across the team; sums in thread order.
        const sc = at.scratch;
        x.toyNeuronLayout(sc, at.args, T);
        for (let inst = 0; inst < nI; inst++) {
          x.toyNeuronPrepare(sc, at.args, inst);
          team.run(OP.toyNeuronSamples, [sc], shares(B, T, 1, 'flat'));
          x.toyNeuronFinish(sc, at.args, inst);
        }
      } else if (neuron) x.toyNeuronStep(at.args);
      else if (split) {
        const sc = at.scratch;
        x.toyTeamLayout(sc, n, m, B, ld, T, s.relu);
        const [Wp, G, S, gW] = [x.toyTeamWp(sc), x.toyTeamG(sc), x.toyTeamS(sc), x.toyTeamGW(sc)];
        for (let inst = 0; inst < nI; inst++) {
          x.toyPrepare(at.args, inst);
          teamGram(team, G, Wp, m, n, ld);
          team.run(OP.toySamples, [sc], shares(B, T, 1, 'flat'));
          team.run(OP.toyReduce, [sc], shares(n, T, 1, 'flat'));
          teamGramTimes(team, gW, Wp, S, m, n, ld);
          x.toyFinish(at.args, inst);
        }
      } else x.toyTrainStep(at.args);
      for (const [arr, p] of io) arr.set(f32.subarray(p >> 2, (p >> 2) + arr.length));
      s.rngState.set(new Uint32Array(buf, d.rng, 4 * nI));
      loss.set(f32.subarray(at.loss >> 2, (at.loss >> 2) + nI));
    },
  };
}
