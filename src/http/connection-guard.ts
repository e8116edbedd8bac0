import type http from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../log';

/**
 * Keeps a listener's connections under a cap, so a flood of sockets cannot take every file descriptor the
 * process has (with none left, new Kakao requests fail and even a lazy `require` breaks).
 * - `server.maxConnections`: node closes a connection beyond the cap at once and emits 'drop' (`refused`).
 * - A little before the cap, each new connection closes the connection that has been idle longest (no
 *   request in progress: connected and silent, or a keep-alive socket between requests), so idle floods
 *   give way to real requests instead of locking them out (`idle_closed`).
 * - While stopping, idle connections can be closed and the caller told when none is left.
 */

export type ShedReason = 'refused' | 'idle_closed';

export interface ConnectionTracker {
  readonly open: number;
  /** Responses not yet finished. */
  inFlight(): Iterable<http.ServerResponse>;
  /** Closes every connection without a request in progress that has been idle for at least `idleMs`. */
  closeIdle(idleMs: number): void;
  /** Resolves once no connection is open. */
  whenEmpty(): Promise<void>;
}

/** `maxConnections` undefined: no cap, only the tracking (for a graceful stop). */
export function guardConnections(
  server: http.Server,
  maxConnections: number | undefined,
  onShed?: (reason: ShedReason) => void,
): ConnectionTracker {
  /** Sockets without a request in progress, by when they became idle; insertion order is oldest first. */
  const idleSince = new Map<Socket, number>();
  /** Responses in progress per socket (pipelined requests can overlap). */
  const busy = new Map<Socket, Set<http.ServerResponse>>();
  let emptyWaiters: (() => void)[] = [];
  const open = () => idleSince.size + busy.size;
  // Closing a socket frees its slot only once its 'close' event runs, so shedding starts a few slots early.
  const shedAt = maxConnections === undefined ? Infinity : Math.max(1, maxConnections - Math.ceil(maxConnections / 16));

  const closeLongestIdle = () => {
    const oldest = idleSince.keys().next().value;
    if (oldest === undefined) return;
    idleSince.delete(oldest);
    oldest.destroy();
    onShed?.('idle_closed');
  };

  if (maxConnections !== undefined) server.maxConnections = maxConnections;
  server.on('drop', () => {
    onShed?.('refused');
    // every slot was busy when it came; one gone idle since makes room for the next
    closeLongestIdle();
  });
  server.on('connection', (socket: Socket) => {
    if (open() >= shedAt) closeLongestIdle();
    idleSince.set(socket, Date.now());
    socket.once('close', () => {
      idleSince.delete(socket);
      busy.delete(socket);
      if (open() === 0) for (const wake of emptyWaiters.splice(0)) wake();
    });
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    if (!idleSince.delete(socket) && !busy.has(socket)) return; // not tracked (closed already)
    const responses = busy.get(socket) ?? new Set<http.ServerResponse>();
    busy.set(socket, responses.add(res));
    res.once('close', () => {
      responses.delete(res);
      if (responses.size > 0 || !busy.delete(socket) || socket.destroyed) return;
      idleSince.set(socket, Date.now());
    });
  });

  return {
    get open() {
      return open();
    },
    *inFlight() {
      for (const responses of busy.values()) yield* responses;
    },
    closeIdle(idleMs) {
      const now = Date.now();
      for (const [socket, since] of idleSince) {
        if (now - since < idleMs) break; // oldest first: the rest became idle later
        idleSince.delete(socket);
        socket.destroy();
      }
    },
    whenEmpty: () => (open() === 0 ? Promise.resolve() : new Promise<void>((resolve) => emptyWaiters.push(resolve))),
  };
}

/**
 * Counts shed connections through `record` and logs them without a line per socket: the first at once,
 * then at most one summary every `everyMs` while shedding goes on.
 */
export function shedReporter(log: Logger, listener: string, record?: (reason: ShedReason) => void, everyMs = 10_000): (reason: ShedReason) => void {
  const pending: Record<ShedReason, number> = { refused: 0, idle_closed: 0 };
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.refused + pending.idle_closed === 0) return;
    log.warn(
      { listener, refused: pending.refused, idleClosed: pending.idle_closed },
      'connection cap reached: refused new connections or closed idle ones (see MAX_CONNECTIONS)',
    );
    pending.refused = 0;
    pending.idle_closed = 0;
    timer = setTimeout(flush, everyMs).unref();
  };
  return (reason) => {
    record?.(reason);
    pending[reason] += 1;
    if (timer === undefined) flush();
  };
}
