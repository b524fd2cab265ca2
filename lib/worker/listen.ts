import pg from "pg";

/**
 * LISTEN on `channels` (new jobs, outbox events) on a connection of its own, reconnecting with
 * backoff. While it is down the worker still polls, so a lost notification delays the work by
 * at most one poll interval.
 */
export function listenForNotifications(
  databaseUrl: string,
  channels: string[],
  onNotification: (channel: string, payload: string) => void,
  log: (message: string) => void = console.warn,
): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on("notification", (message) => {
      if (channels.includes(message.channel)) onNotification(message.channel, message.payload ?? "");
    });
    next.on("error", (error) => {
      log(`Notifications lost (${error.message}); polling until reconnected.`);
      void next.end().catch(() => {});
      if (client === next) client = null;
      schedule();
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${channel}`);
      if (closed) return void (await next.end());
      client = next;
      retryMs = 500;
    } catch (error) {
      void next.end().catch(() => {});
      log(`Could not listen for notifications (${error instanceof Error ? error.message : String(error)}); retrying in ${retryMs} ms.`);
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
