import 'server-only';
import { transaction, type Db } from '@/db';
import {
  blockedThrottles,
  clearThrottle,
  countThrottledFailure,
  setThrottlePause,
  uncountThrottledFailure,
} from '@/db/queries/throttles';

/**
 * Sign-in throttling that cannot lock the real user out. Failures are counted per (username, client
 * address) and per client address across usernames; past a rule's free attempts each failure pauses
 * that key for longer (doubling up to a ceiling). An attempt made while a key is paused is refused
 * before its password is checked and is not counted, so knocking now and then never extends a pause;
 * and since every count includes the address, someone guessing elsewhere never pauses the real user
 * at their own address.
 */
export interface ThrottleRule {
  /** Failures that cost nothing; the next one starts the first pause. */
  free: number;
  firstPauseMs: number;
  maxPauseMs: number;
}

/** One username from one address: four free tries, then 30 s, 1, 2, 4, 8 minutes, at most 15. */
export const PAIR_RULE: ThrottleRule = { free: 4, firstPauseMs: 30_000, maxPauseMs: 15 * 60_000 };
/** Any usernames from one address (one password tried on many accounts): nineteen free, then 1 minute doubling to 30. */
export const ADDRESS_RULE: ThrottleRule = { free: 19, firstPauseMs: 60_000, maxPauseMs: 30 * 60_000 };
/**
 * The address rule in force: SIGN_IN_FREE_PER_ADDRESS raises its free failures where many users
 * share one address (a bureau behind one NAT or proxy without TRUST_PROXY).
 */
export function addressRule(env: Record<string, string | undefined> = process.env): ThrottleRule {
  const free = Number(env.SIGN_IN_FREE_PER_ADDRESS);
  return Number.isInteger(free) && free > 0 ? { ...ADDRESS_RULE, free } : ADDRESS_RULE;
}

/** A count whose last failure is older than this starts again. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

/** How long a key pauses after its `failures`-th failure; 0 for none. */
export function pauseAfter(failures: number, rule: ThrottleRule): number {
  if (failures <= rule.free) return 0;
  return Math.min(rule.firstPauseMs * 2 ** Math.min(failures - rule.free - 1, 30), rule.maxPauseMs);
}

interface ThrottleKeys {
  pair: string;
  address: string;
}

/** Usernames are unique whatever their letter case, so `Admin` and `admin` share a count. */
export function throttleKeys(username: string, address: string | null): ThrottleKeys {
  const from = address ?? 'unknown';
  return { pair: `user:${from}:${username.toLowerCase()}`, address: `address:${from}` };
}

class Paused extends Error {}

/**
 * Before the password is checked: refused with the time left while either key is paused; otherwise
 * the attempt is counted as a failure on both keys (taken back if the password turns out right), so
 * that a burst of parallel attempts is counted before any of them is checked.
 */
export async function claimAttempt(
  db: Db,
  { keys, now }: { keys: ThrottleKeys; now: Date },
): Promise<{ paused: false } | { paused: true; retryAfterSeconds: number }> {
  const pausedFor = async () => {
    const blocked = await blockedThrottles(db, { keys: [keys.pair, keys.address], now });
    const until = Math.max(...blocked.map((b) => b.blockedUntil?.getTime() ?? 0));
    return blocked.length > 0 ? { paused: true as const, retryAfterSeconds: (until - now.getTime()) / 1000 } : null;
  };
  const before = await pausedFor();
  if (before) return before;
  try {
    await transaction(db, async (tx) => {
      const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
      for (const [key, rule] of [
        [keys.pair, PAIR_RULE],
        [keys.address, addressRule()],
      ] as const) {
        const failures = await countThrottledFailure(tx, { key, now, forgetBefore });
        // Paused by a concurrent attempt since the check above: nothing of this one is kept.
        if (failures === undefined) throw new Paused();
        const pause = pauseAfter(failures, rule);
        if (pause > 0) await setThrottlePause(tx, { key, until: new Date(now.getTime() + pause) });
      }
    });
  } catch (error) {
    if (!(error instanceof Paused)) throw error;
    return (await pausedFor()) ?? { paused: true, retryAfterSeconds: 1 };
  }
  return { paused: false };
}

/** The password was right: this username starts afresh from this address, and the address gets its attempt back. */
export async function forgiveAttempt(tx: Db, { keys }: { keys: ThrottleKeys }) {
  await clearThrottle(tx, { key: keys.pair });
  const left = await uncountThrottledFailure(tx, { key: keys.address });
  if (left !== undefined && pauseAfter(left, addressRule()) === 0)
    await setThrottlePause(tx, { key: keys.address, until: null });
}
