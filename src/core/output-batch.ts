/**
 * All-or-nothing outputs: inside {@link withOutputBatch}, every
 * {@link writeFileAtomic} writes to a temporary sibling and records it; when the
 * work succeeds the batch renames them all into place, and when it fails it
 * removes them (and the folders it created), so a command leaves its complete
 * outputs or none. {@link commitOutputs} lets a long job (reproduce) keep what
 * it finished so far.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

interface Batch {
  /** [temporary, final] pairs in the order written. */
  staged: [string, string][];
  /** Folders this batch created, outermost first. */
  created: string[];
  counter: number;
}

const current = new AsyncLocalStorage<Batch>();

/** Creates `dir` and its missing parents; returns the ones it created, outermost first. */
function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  if (missing.length > 0) mkdirSync(dir, { recursive: true });
  return missing;
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone (or never written): nothing to clean.
  }
}

/**
 * Writes `data` to `path` atomically (a temporary sibling renamed over it),
 * creating parent folders; inside a batch, the rename waits for the batch's end.
 * A temporary file is removed when its write or rename fails.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const batch = current.getStore();
  const created = makeDirs(dirname(path));
  const tmp = `${path}.tmp-${process.pid}-${batch ? batch.counter++ : 'w'}`;
  if (batch) batch.created.push(...created);
  try {
    writeFileSync(tmp, data);
    if (batch) {
      batch.staged.push([tmp, path]);
      return;
    }
    renameSync(tmp, path);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
}

/** Renames every file staged so far into place (inside a batch; a no-op outside). */
export function commitOutputs(): void {
  const batch = current.getStore();
  if (!batch) return;
  try {
    for (const [tmp, path] of batch.staged) renameSync(tmp, path);
  } catch (err) {
    abort(batch);
    throw err;
  }
  batch.staged = [];
  batch.created = [];
}

function abort(batch: Batch): void {
  for (const [tmp] of batch.staged) removeQuietly(tmp);
  for (const dir of [...batch.created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty (another writer's file) or already gone: leave it.
    }
  }
  batch.staged = [];
  batch.created = [];
}

/**
 * Runs `work` with its file outputs staged; commits them when it resolves and
 * removes them when it throws (rethrowing the error).
 */
export async function withOutputBatch<T>(work: () => Promise<T>): Promise<T> {
  const batch: Batch = { staged: [], created: [], counter: 0 };
  return current.run(batch, async () => {
    let result: T;
    try {
      result = await work();
    } catch (err) {
      abort(batch);
      throw err;
    }
    commitOutputs();
    return result;
  });
}
