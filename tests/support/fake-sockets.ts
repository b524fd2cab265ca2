import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** A port nothing listens on: opened on loopback, then closed, so connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and never says a word: what a hung service looks like to a probe. */
export async function startSilentServer(): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
  });
  return { port: await listen(server), connections: () => connections, close: closer(server, sockets) };
}

/**
 * A Redis stand-in on loopback speaking RESP: it requires AUTH with the given credentials (as
 * Redis 6+ ACLs do: `AUTH password` for the default user, `AUTH user password` for another),
 * answers PING with PONG once authenticated, and records every command.
 */
export async function startFakeRedis(credentials: { user?: string; password: string }): Promise<{ port: number; commands: string[][]; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const commands: string[][] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let authed = false;
    let buffer = "";
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      // Commands arrive as *N\r\n($len\r\narg\r\n)×N; take each complete one off the front.
      for (;;) {
        const match = /^\*(\d+)\r\n/.exec(buffer);
        if (!match) return;
        let offset = match[0].length;
        const args: string[] = [];
        for (let i = 0; i < Number(match[1]); i += 1) {
          const header = /^\$(\d+)\r\n/.exec(buffer.slice(offset));
          if (!header) return;
          const start = offset + header[0].length;
          const length = Number(header[1]);
          if (buffer.length < start + length + 2) return;
          args.push(buffer.slice(start, start + length));
          offset = start + length + 2;
        }
        buffer = buffer.slice(offset);
        commands.push(args);
        const [name, ...rest] = args;
        if (name === "AUTH") {
          const [user, password] = rest.length === 2 ? rest : ["default", rest[0]];
          authed = user === (credentials.user ?? "default") && password === credentials.password;
          socket.write(authed ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        } else if (name === "PING") socket.write(authed ? "+PONG\r\n" : "-NOAUTH Authentication required.\r\n");
        else socket.write(`-ERR unknown command '${name}'\r\n`);
      }
    });
  });
  return { port: await listen(server), commands, close: closer(server, sockets) };
}
