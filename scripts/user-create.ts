// npm run user:create -- --email E --role R [--name N] [--password P]
// Without --password the password is asked for at a hidden prompt.
import { createUser, createUserInput, SYSTEM_ACTOR } from "@/lib/auth";
import { parseFlags, promptHidden, runCli, stringFlag } from "@/lib/cli";
import { parseInput } from "@/lib/http";

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2));
  const password = stringFlag(flags, "password") ?? (await promptHidden("Password: "));
  const input = parseInput(createUserInput, { email: stringFlag(flags, "email"), role: stringFlag(flags, "role"), name: stringFlag(flags, "name"), password });
  const user = await createUser(input, { ...SYSTEM_ACTOR, label: "cli:user:create" });
  console.log(`Created ${user.role} ${user.email} (${user.id}).`);
});
