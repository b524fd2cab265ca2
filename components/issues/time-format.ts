// Pure time formatting shared by server and client components.

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

export function formatRelative(then: number, now: number): string {
  const elapsed = then - now;
  if (Math.abs(elapsed) < 45_000) return "just now";
  for (const [unit, size] of units) {
    if (Math.abs(elapsed) >= size || unit === "minute") return relative.format(Math.round(elapsed / size), unit);
  }
  return "just now";
}

/** "2025-11-10 20:56:00 UTC": exact, and the same on the server and in every browser. */
export function formatExact(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
