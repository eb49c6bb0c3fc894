/**
 * The queue's address, `redis://HOST:PORT[/DB]`, parsed and checked at the edge:
 * a Redis that does not answer PING within two seconds is bad input (exit 2), found
 * before any work.
 */
import { connect } from 'node:net';

/** Where the BullMQ queues live. */
export interface QueueUrl {
  url: string;
  host: string;
  port: number;
  db: number;
}

/** A queue URL that is malformed or has no Redis behind it. */
export class QueueUrlError extends RangeError {
  override readonly name = 'QueueUrlError';
}

/** Parses redis://HOST:PORT[/DB]. @throws QueueUrlError */
export function parseQueueUrl(url: string): QueueUrl {
  const m = /^redis:\/\/([^:/@\s]+):(\d{1,5})(?:\/(\d{1,2}))?\/?$/.exec(url);
  const port = m ? Number(m[2]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new QueueUrlError(
      `--queue must be redis://HOST:PORT[/DB] (e.g. redis://127.0.0.1:6379/0), got '${url}'`,
    );
  }
  return { url, host: m[1], port, db: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Resolves when Redis at `q` answers PING. @throws QueueUrlError naming the URL */
export function checkRedis(q: QueueUrl, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: q.host, port: q.port });
    let reply = '';
    const fail = (why: string) => {
      socket.destroy();
      reject(new QueueUrlError(`no Redis at ${q.url}: ${why}`));
    };
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (!reply.includes('\r\n')) return;
      clearTimeout(timer);
      socket.end();
      if (reply.startsWith('+PONG')) resolve();
      else fail(`it answered ${JSON.stringify(reply.trim())} to PING`);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      fail((err as NodeJS.ErrnoException).code ?? err.message);
    });
  });
}
