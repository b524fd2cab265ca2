import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user: string | null;
}

export interface FakeSmtpServer {
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next messages with this SMTP reply code (e.g. 451 try later, 550 no such user). */
  refuseNext(times: number, code: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server, the Nodemailer project's): plain text, AUTH
 * PLAIN/LOGIN checked against one user, every accepted message kept whole.
 */
export async function startFakeSmtp(credentials: { user: string; pass: string }): Promise<FakeSmtpServer> {
  const mails: ReceivedMail[] = [];
  let refusals: { remaining: number; code: number } | null = null;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusals && refusals.remaining > 0) {
          refusals.remaining -= 1;
          callback(Object.assign(new Error("Refused by the fake"), { responseCode: refusals.code }));
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          user: typeof session.user === "string" ? session.user : null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    refuseNext: (times, code) => void (refusals = { remaining: times, code }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
