// npm run token:create -- --name X --role admin [--expires-in-days N]
// Prints the token as the last line of output: it is shown only this once.
import { createApiToken, createApiTokenInput, SYSTEM_ACTOR } from "@/lib/auth";
import { parseFlags, runCli, stringFlag } from "@/lib/cli";
import { parseInput } from "@/lib/http";

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const days = stringFlag(flags, "expires-in-days");
  const input = parseInput(createApiTokenInput, { name: stringFlag(flags, "name"), role: stringFlag(flags, "role"), expiresInDays: days === undefined ? null : Number(days) });
  const { token, secret } = await createApiToken(input, { ...SYSTEM_ACTOR, label: "cli:token:create" });
  console.log(`Created ${token.role} token "${token.name}" (${token.id})${token.expiresAt ? `, expires ${token.expiresAt}` : ""}. Store it now; it is not shown again:`);
  console.log(secret);
});
