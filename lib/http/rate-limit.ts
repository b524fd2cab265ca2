import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { RateLimited } from "@/lib/errors";

// Counters live in this process: cheap enough for the webhook path, and a bound per instance
// (N instances allow up to N times the limit). Sign-in failures, which need an exact count
// across instances, are counted in PostgreSQL instead (lib/auth). On globalThis because Next
// may load this module more than once.
const limiters: Map<string, RateLimiterMemory> = ((globalThis as { __opsRateLimiters?: Map<string, RateLimiterMemory> }).__opsRateLimiters ??= new Map());

function limiter(name: string, perMinute: number): RateLimiterMemory {
  const id = `${name}:${perMinute}`;
  let found = limiters.get(id);
  if (!found) limiters.set(id, (found = new RateLimiterMemory({ keyPrefix: name, points: perMinute, duration: 60 })));
  return found;
}

const retryAfter = (res: RateLimiterRes) => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Counts this request against `key`; past `perMinute` within a minute, 429 with Retry-After. 0 turns the limit off. */
export async function countRequest(name: string, key: string, perMinute: number, message: string): Promise<void> {
  if (perMinute <= 0) return;
  try {
    await limiter(name, perMinute).consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw new RateLimited(message, retryAfter(rejection));
    throw rejection;
  }
}

/** 429 while `key` has used up its allowance, without counting this request (limits on failures only). */
export async function refuseWhileLimited(name: string, key: string, perMinute: number, message: string): Promise<void> {
  if (perMinute <= 0) return;
  const used = await limiter(name, perMinute).get(key);
  if (used && used.consumedPoints >= perMinute) throw new RateLimited(message, retryAfter(used));
}

/** Counts one failure against `key`, for `refuseWhileLimited`. */
export async function countFailure(name: string, key: string, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  await limiter(name, perMinute).penalty(key, 1);
}
