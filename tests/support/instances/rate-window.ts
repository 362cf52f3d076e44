// Rate limits count in fixed windows aligned to the clock (rate-limit-policy.ts). A test that
// counts up to a limit must not straddle a window's end, or the count starts again halfway.
import { setTimeout as sleep } from 'node:timers/promises';
import { windowStart } from '../../../src/lib/auth/rate-limit-policy.ts';

/** Waits, if needed, until at least `neededMs` are left in the current window. */
export async function awaitRoomInWindow(windowSeconds: number, neededMs: number): Promise<void> {
  const now = Date.now();
  const end = windowStart(new Date(now), windowSeconds).getTime() + windowSeconds * 1000;
  if (end - now < neededMs) await sleep(end - now + 1000);
}

/** The longest awaitRoomInWindow() may wait for `neededMs`, for test timeouts. */
export const longestWait = (neededMs: number) => neededMs + 1000;
