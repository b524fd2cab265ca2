import { createInterface } from "node:readline";
import { closeDb } from "@/lib/db";
import { DomainError } from "@/lib/errors";

export { parseFlags, stringFlag } from "./args";

/** Reads a line without echoing it (a password); fails clearly when stdin is not a terminal. */
export async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("No terminal to ask for a password: pass --password instead.");
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  let asked = false;
  output._writeToOutput = (text: string) => {
    if (!asked) {
      process.stdout.write(text);
      asked = true;
    }
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

/** Runs a CLI body, prints a one-line error for expected failures, and always exits (PGlite keeps the loop alive). */
export function runCli(main: () => Promise<void>): void {
  main()
    .then(async () => {
      await closeDb();
      process.exit(0);
    })
    .catch(async (error: unknown) => {
      await closeDb().catch(() => {});
      const field = error instanceof DomainError && error.details.field ? ` (${error.details.field})` : "";
      console.error(`Error${field}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(error instanceof DomainError ? 2 : 1);
    });
}
