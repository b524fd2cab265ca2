"use client";

import { useSyncExternalStore } from "react";
import { formatExact, formatRelative } from "./time-format";

// One shared clock for every timestamp on the page, ticking every 30 s while any is mounted.
let clientNow = 0;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      clientNow = Date.now();
      listeners.forEach((notify) => notify());
    }, 30_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function clientSnapshot(): number {
  if (!clientNow) clientNow = Date.now();
  return clientNow;
}

/**
 * "5 min. ago" with the exact UTC time on hover. `serverNow` is the time the server rendered
 * the page: hydration renders the same text, then the browser's clock takes over.
 */
export function RelativeTime({ iso, serverNow, className = "" }: { iso: string | null; serverNow: number; className?: string }) {
  const now = useSyncExternalStore(subscribe, clientSnapshot, () => serverNow);
  if (!iso) return <span className="text-muted">—</span>;
  return (
    <time dateTime={iso} title={formatExact(iso)} className={className}>
      {formatRelative(new Date(iso).getTime(), now)}
    </time>
  );
}
