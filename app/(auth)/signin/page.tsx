import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { needsSetup } from "@/lib/auth";
import { currentUser } from "@/lib/auth/page";

export const metadata = { title: "Sign in" };

/** Only same-site paths are followed after sign-in, so the link cannot send people elsewhere. */
function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Depends on the database (is there a user yet?), so it must never be prerendered at build time.
  await connection();
  if (await needsSetup()) redirect("/setup");
  const next = safeNext((await searchParams).next);
  if (await currentUser()) redirect(next);
  return <SignInForm next={next} />;
}
