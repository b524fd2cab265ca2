import type { Clock } from "@/lib/jobs";

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current: Date = new Date(Math.floor(Date.now() / 1000) * 1000)) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
  set(date: Date): void {
    this.current = new Date(date);
  }
}
