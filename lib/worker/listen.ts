import pg from "pg";
import { JOBS_CHANNEL } from "@/lib/jobs";

/**
 * LISTEN for new-job notifications on a connection of its own, reconnecting with backoff.
 * While it is down the worker still polls, so a lost notification delays a job by at most
 * one poll interval.
 */
export function listenForJobs(databaseUrl: string, onJob: (tier: string) => void, log: (message: string) => void = console.warn): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => {
      if (message.channel === JOBS_CHANNEL) onJob(message.payload ?? "");
    });
    next.on("error", (error) => {
      log(`Job notifications lost (${error.message}); polling until reconnected.`);
      void next.end().catch(() => {});
      if (client === next) client = null;
      schedule();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${JOBS_CHANNEL}`);
      if (closed) return void (await next.end());
      client = next;
      retryMs = 500;
    } catch (error) {
      void next.end().catch(() => {});
      log(`Could not listen for job notifications (${error instanceof Error ? error.message : String(error)}); retrying in ${retryMs} ms.`);
      schedule();
    }
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref?.();
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  void connect();
  return {
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
