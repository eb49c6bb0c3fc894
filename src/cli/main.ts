#!/usr/bin/env node
/** The `tegum` executable: runs the CLI and sets the exit code. */
import { exitForError } from './exit-for-error.js';
import { runCli } from './program.js';

// A reader that stops early (`tegum … --json | head -1`) closes the pipe: not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}

runCli(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const { code, line } = exitForError(err);
    process.stderr.write(`${line}\n`);
    process.exitCode = code;
  },
);
