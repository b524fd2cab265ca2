/**
 * A loop's wake-up: `wait(ms)` returns when `wake()` is called or `ms` pass, whichever is
 * first. A wake-up that arrives while the loop is busy is kept, so the next wait returns at once
 * (work announced mid-pass is never left for the poll).
 */
export class WakeSignal {
  private wakeUp: (() => void) | null = null;
  private pending = false;

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
