import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requirePageRole } from "@/lib/auth/page";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageRole("viewer");
  return <AppShell user={{ email: user.email, name: user.name, role: user.role }}>{children}</AppShell>;
}
