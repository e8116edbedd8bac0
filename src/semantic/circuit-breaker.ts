/**
 * A circuit breaker for the embeddings service, so that while it is down a skill call loses nothing waiting
 * for a timeout: `closed` lets calls through; after `failuresToOpen` failures in a row, or one timeout (a
 * hung service costs every call its full timeout), it goes `open` and refuses calls at once; after
 * `cooldownMs` it lets one probe through (`half_open`) and closes when that succeeds. A failed probe opens
 * it again, with the cooldown doubled up to `maxCooldownMs`.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  failuresToOpen?: number;
  cooldownMs?: number;
  maxCooldownMs?: number;
  onStateChange?: (state: BreakerState, previous: BreakerState) => void;
  /** Injected clock for tests of the cooldown arithmetic; default Date.now. */
  now?: () => number;
}

export interface CircuitBreaker {
  state(): BreakerState;
  /**
   * Whether a call may go out now. In `half_open`, true for exactly one caller (the probe), who must then
   * report {@link succeeded} or {@link failed}.
   */
  allow(): boolean;
  succeeded(): void;
  /** `timeout` opens the breaker at once; `error` counts toward `failuresToOpen`. */
  failed(kind: 'error' | 'timeout'): void;
  /** The probe gave up for its own reasons (the caller aborted): another caller may probe. */
  released(): void;
}

export function createCircuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const failuresToOpen = options.failuresToOpen ?? 3;
  const baseCooldownMs = options.cooldownMs ?? 5_000;
  const maxCooldownMs = options.maxCooldownMs ?? 60_000;
  const now = options.now ?? Date.now;
  let state: BreakerState = 'closed';
  let failuresInARow = 0;
  let cooldownMs = baseCooldownMs;
  let openedAt = 0;
  let probing = false;

  const move = (next: BreakerState) => {
    if (next === state) return;
    const previous = state;
    state = next;
    options.onStateChange?.(next, previous);
  };
  const open = () => {
    openedAt = now();
    probing = false;
    move('open');
  };

  return {
    state: () => state,
    allow() {
      if (state === 'closed') return true;
      if (state === 'open') {
        if (now() - openedAt < cooldownMs) return false;
        move('half_open');
      }
      if (probing) return false;
      probing = true;
      return true;
    },
    succeeded() {
      failuresInARow = 0;
      cooldownMs = baseCooldownMs;
      probing = false;
      move('closed');
    },
    failed(kind) {
      failuresInARow++;
      if (state === 'half_open') {
        cooldownMs = Math.min(maxCooldownMs, cooldownMs * 2);
        open();
      } else if (state === 'closed' && (kind === 'timeout' || failuresInARow >= failuresToOpen)) {
        open();
      }
    },
    released() {
      probing = false;
    },
  };
}
