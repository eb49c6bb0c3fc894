/**
 * A sweep's results out of its store: JSON (an array of row objects, JSON columns as
 * nested values), CSV (with a header) or Parquet, written atomically to a file.
 */
import { renameSync } from 'node:fs';
import { writeFileAtomic } from '../core/output-batch.js';
import { ResultStore } from './result-store.js';

/** Writes the results of the sweep in `dir` to `file`. @throws RangeError when DIR has no store. */
export async function exportSweep(
  dir: string,
  format: 'json' | 'csv' | 'parquet',
  file: string,
): Promise<void> {
  const store = await ResultStore.openExisting(dir);
  try {
    if (format === 'json') {
      writeFileAtomic(file, JSON.stringify(await store.rows(), null, 2) + '\n');
    } else {
      const partial = `${file}.partial`;
      await store.copyTo(partial, format);
      renameSync(partial, file);
    }
  } finally {
    store.close();
  }
}
