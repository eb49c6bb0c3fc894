/**
 * The queue's address, `redis://HOST:PORT[/DB]`, parsed and checked at the edge:
 * a Redis that does not answer PING within two seconds, or has no database DB (Redis
 * has 16 unless configured otherwise), is bad input (exit 2), found before any work.
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

/**
 * Resolves when Redis at `q` answers PING and has database `q.db` (SELECT succeeds;
 * a refusal names the databases it has, from CONFIG GET databases where allowed).
 * @throws QueueUrlError naming the URL
 */
export function checkRedis(q: QueueUrl, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: q.host, port: q.port });
    let buffer = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new QueueUrlError(why));
    };
    const timer = setTimeout(
      () => fail(`no Redis at ${q.url}: no answer within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    socket.on('connect', () =>
      socket.write(
        command('PING') + command('SELECT', String(q.db)) + command('CONFIG', 'GET', 'databases'),
      ),
    );
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      const ping = readReplies(buffer, 1)?.[0];
      if (ping !== undefined && ping !== 'PONG') {
        return fail(`no Redis at ${q.url}: it answered ${JSON.stringify(replyText(ping))} to PING`);
      }
      const replies = readReplies(buffer, 3);
      if (replies === null) return;
      clearTimeout(timer);
      socket.end();
      const [, select, config] = replies;
      if (select === 'OK') return resolve();
      const count = Array.isArray(config) ? Number(config[1]) : NaN;
      const has = Number.isInteger(count)
        ? `it has ${count}: 0 to ${count - 1}`
        : `SELECT ${q.db} answered ${JSON.stringify(replyText(select))}`;
      fail(`${q.url}: Redis has no database ${q.db} (${has}); choose one in the URL's /DB`);
    });
    socket.on('error', (err) => {
      fail(`no Redis at ${q.url}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    });
  });
}

/** A command in Redis's wire protocol (RESP): an array of bulk strings. */
function command(...parts: string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join('')}`;
}

type Reply = string | null | Reply[] | { error: string };

/** A reply as text: an error's message, a string itself, anything else as JSON. */
function replyText(r: Reply): string {
  if (typeof r === 'string') return r;
  if (r !== null && typeof r === 'object' && !Array.isArray(r)) return r.error;
  return JSON.stringify(r);
}

/**
 * The first `n` replies in `text`, or null while one is incomplete. Simple strings and
 * bulk strings come back as strings, errors as `{ error }`, arrays as lists (the
 * replies here are short ASCII, so string lengths are byte lengths).
 */
function readReplies(text: string, n: number): Reply[] | null {
  let at = 0;
  const line = (): string | null => {
    const end = text.indexOf('\r\n', at);
    if (end < 0) return null;
    const s = text.slice(at, end);
    at = end + 2;
    return s;
  };
  const one = (): Reply | undefined => {
    const head = line();
    if (head === null) return undefined;
    const body = head.slice(1);
    if (head[0] === '+' || head[0] === ':') return body;
    if (head[0] === '-') return { error: body };
    if (head[0] === '$') {
      const len = Number(body);
      if (len < 0) return null;
      if (text.length < at + len + 2) return undefined;
      const s = text.slice(at, at + len);
      at += len + 2;
      return s;
    }
    if (head[0] === '*') {
      const items: Reply[] = [];
      for (let i = 0; i < Number(body); i++) {
        const item = one();
        if (item === undefined) return undefined;
        items.push(item);
      }
      return items;
    }
    return { error: head };
  };
  const replies: Reply[] = [];
  for (let i = 0; i < n; i++) {
    const r = one();
    if (r === undefined) return null;
    replies.push(r);
  }
  return replies;
}
