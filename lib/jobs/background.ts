/**
 * Side effects that must not delay the answer (posting a comment to Sentry). In a request,
 * they go to Next's `after()`, which keeps a serverless function alive until they finish;
 * elsewhere (workers, CLIs) they run as plain promises. Tests and a stopping worker wait for
 * them with `settleBackgroundTasks()`.
 */
const pending = new Set<Promise<unknown>>();

export function runInBackground(task: () => Promise<unknown>): void {
  const promise = task()
    .catch((error: unknown) => console.error("Background task failed", error))
    .finally(() => pending.delete(promise));
  pending.add(promise);
  void import("next/server")
    .then(({ after }) => after(promise))
    .catch(() => {
      // Not inside a request: the promise runs on its own.
    });
}

export async function settleBackgroundTasks(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
