import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { needsSetup, PASSWORD_MIN_LENGTH } from "@/lib/auth";

export const metadata = { title: "Set up" };

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/signin");
  return <SetupForm minPasswordLength={PASSWORD_MIN_LENGTH} />;
}
