import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitOutputs, withOutputBatch, writeFileAtomic } from './output-batch.js';

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('withOutputBatch', () => {
  it('renames every file into place when the work succeeds, leaving no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-batch-'));
    await withOutputBatch(async () => {
      writeFileAtomic(join(dir, 'a', 'one.json'), '1');
      // Inside the batch nothing is visible under its final name yet.
      expect(existsSync(join(dir, 'a', 'one.json'))).toBe(false);
      writeFileAtomic(join(dir, 'two.csv'), '2');
    });
    expect(listAll(dir)).toEqual(['a', join('a', 'one.json'), 'two.csv']);
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe('2');
  });

  it('leaves nothing behind, not even the folders it created, when the work fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-batch-'));
    writeFileSync(join(dir, 'kept.txt'), 'old');
    await expect(
      withOutputBatch(async () => {
        writeFileAtomic(join(dir, 'new', 'deep', 'one.json'), '1');
        writeFileAtomic(join(dir, 'kept.txt'), 'new');
        throw new Error('the run failed after writing');
      }),
    ).rejects.toThrow('the run failed after writing');
    expect(listAll(dir)).toEqual(['kept.txt']);
    expect(readFileSync(join(dir, 'kept.txt'), 'utf8')).toBe('old');
  });

  it('keeps what was committed part-way (a finished experiment) when a later part fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-batch-'));
    await expect(
      withOutputBatch(async () => {
        writeFileAtomic(join(dir, 'first', 'result.json'), '{}');
        commitOutputs();
        writeFileAtomic(join(dir, 'second', 'result.json'), '{}');
        throw new Error('second failed');
      }),
    ).rejects.toThrow('second failed');
    expect(listAll(dir)).toEqual(['first', join('first', 'result.json')]);
  });

  it('removes its temporary file when a write outside a batch fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tegum-batch-'));
    // The target is a folder: the rename over it fails after the temporary was written.
    const target = join(dir, 'taken');
    writeFileAtomic(join(target, 'inside.txt'), 'x');
    expect(() => writeFileAtomic(target, 'y')).toThrow();
    expect(listAll(dir)).toEqual(['taken', join('taken', 'inside.txt')]);
  });
});
