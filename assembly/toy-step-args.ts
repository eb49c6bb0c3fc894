/**
 * One toy step's arguments as a descriptor in the module's memory, the twin of the C
 * step's struct (native/src/toy-step.c): the state's buffers (unpadded [nI, m, n] and
 * [nI, n]; the untied second layer [nI, n, m]), the data stream (a ToyData, toy-sample-stream.ts), the loss [nI], the scratch,
 * the shapes and Adam's settings. The caller (src/core/wasm-kernels.ts) writes each field
 * at the offset `toyStepArgsOffset` reports for its index in TOY_STEP_ARGS there, so the
 * two sides share one order and never a hand-copied number.
 */

import { AdamParams, setAdamParams } from './adam-update';

@unmanaged
export class ToyStepArgs {
  W: usize;
  b: usize;
  mW: usize;
  vW: usize;
  mb: usize;
  vb: usize;
  importance: usize;
  data: usize;
  loss: usize;
  scratch: usize;
  nI: i32;
  n: i32;
  m: i32;
  B: i32;
  ld: i32;
  relu: i32;
  decoupled: i32;
  step: i32;
  lr: f64;
  beta1: f64;
  beta2: f64;
  eps: f64;
  weightDecay: f64;
  /** The neuron models' untied second layer and its moments ([nI, n, m]; 0 otherwise). */
  W2: usize;
  mW2: usize;
  vW2: usize;
  /** 0 a Gram-form model (relu-output, linear), 1 'neuron' (tied), 2 'abs' (untied). */
  model: i32;
}

/** Adam's settings of a step, laid out at `at` (adam-update.ts). */
export function adamParamsOf(at: usize, a: ToyStepArgs): AdamParams {
  return setAdamParams(at, a.lr, a.beta1, a.beta2, a.eps, a.weightDecay, a.decoupled != 0, a.step);
}

/** The descriptor's size in bytes. */
export function toyStepArgsBytes(): usize {
  return offsetof<ToyStepArgs>();
}

/** The byte offset of field `i`, in the order of TOY_STEP_ARGS (src/core/wasm-kernels.ts). */
export function toyStepArgsOffset(i: i32): usize {
  switch (i) {
    case 0:
      return offsetof<ToyStepArgs>('W');
    case 1:
      return offsetof<ToyStepArgs>('b');
    case 2:
      return offsetof<ToyStepArgs>('mW');
    case 3:
      return offsetof<ToyStepArgs>('vW');
    case 4:
      return offsetof<ToyStepArgs>('mb');
    case 5:
      return offsetof<ToyStepArgs>('vb');
    case 6:
      return offsetof<ToyStepArgs>('importance');
    case 7:
      return offsetof<ToyStepArgs>('data');
    case 8:
      return offsetof<ToyStepArgs>('loss');
    case 9:
      return offsetof<ToyStepArgs>('scratch');
    case 10:
      return offsetof<ToyStepArgs>('nI');
    case 11:
      return offsetof<ToyStepArgs>('n');
    case 12:
      return offsetof<ToyStepArgs>('m');
    case 13:
      return offsetof<ToyStepArgs>('B');
    case 14:
      return offsetof<ToyStepArgs>('ld');
    case 15:
      return offsetof<ToyStepArgs>('relu');
    case 16:
      return offsetof<ToyStepArgs>('decoupled');
    case 17:
      return offsetof<ToyStepArgs>('step');
    case 18:
      return offsetof<ToyStepArgs>('lr');
    case 19:
      return offsetof<ToyStepArgs>('beta1');
    case 20:
      return offsetof<ToyStepArgs>('beta2');
    case 21:
      return offsetof<ToyStepArgs>('eps');
    case 22:
      return offsetof<ToyStepArgs>('weightDecay');
    case 23:
      return offsetof<ToyStepArgs>('W2');
    case 24:
      return offsetof<ToyStepArgs>('mW2');
    case 25:
      return offsetof<ToyStepArgs>('vW2');
    case 26:
      return offsetof<ToyStepArgs>('model');
    default:
      return <usize>-1;
  }
}
