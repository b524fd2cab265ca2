import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup, PASSWORD_MIN_LENGTH } from "@/lib/auth";

export const metadata = { title: "Set up" };

export default async function SetupPage() {
  // Depends on the database (is there a user yet?), so it must never be prerendered at build time.
  await connection();
  if (!(await needsSetup())) redirect("/signin");
  return <SetupForm minPasswordLength={PASSWORD_MIN_LENGTH} />;
}
