/**
 * Output paths checked before any work starts, so a run of minutes never ends in
 * "cannot write": a folder must be a folder (or creatable under a writable one),
 * a file must not be a folder and its folder must be writable.
 */
import { accessSync, constants, existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { FileSystemError } from '../core/errors.js';

function nearestExisting(path: string): string {
  let p = resolve(path);
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

/**
 * True when a folder can be created in `path` right now: access(2) first, then a
 * probe folder made and removed, since access says yes to root on read-only file
 * systems (/proc, a read-only mount).
 */
function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK | constants.X_OK);
    rmdirSync(mkdtempSync(join(path, '.tegum-probe-')));
    return true;
  } catch {
    return false;
  }
}

function checkParent(label: string, path: string, what: string, under = path): void {
  const parent = nearestExisting(under);
  if (!statSync(parent).isDirectory()) {
    throw new FileSystemError(
      `${label} ${path}: ${parent} is a file, so no ${what} can be created under it; choose another path`,
    );
  }
  if (!writable(parent)) {
    throw new FileSystemError(
      `${label} ${path}: ${parent} is not writable; choose a folder you can write to`,
    );
  }
}

/**
 * Checks that `path` can hold a command's output folder.
 * @param label what names the path in the message (a flag: `--out`).
 * @throws FileSystemError naming the path and the problem.
 */
export function checkOutputDir(label: string, path: string): void {
  if (path.trim() === '') throw new FileSystemError(`${label} must name a folder, got ''`);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) {
      throw new FileSystemError(`${label} ${path} is a file; it must name a folder`);
    }
    if (!writable(path)) {
      throw new FileSystemError(
        `${label} ${path} is not writable; choose a folder you can write to`,
      );
    }
    return;
  }
  checkParent(label, path, 'folder');
}

/**
 * Checks that `path` can be written as a file (created or replaced).
 * @throws FileSystemError naming the path and the problem.
 */
export function checkOutputFile(label: string, path: string): void {
  if (path.trim() === '') throw new FileSystemError(`${label} must name a file, got ''`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) {
      throw new FileSystemError(`${label} ${path} is a folder; it must name a file`);
    }
    if (!writable(dirname(resolve(path)))) {
      throw new FileSystemError(`${label} ${path}: its folder is not writable`);
    }
    return;
  }
  checkParent(label, path, 'file', dirname(resolve(path)));
}
