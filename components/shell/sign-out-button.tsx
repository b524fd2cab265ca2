"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "@/lib/api-client";

export function SignOutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await apiFetch("/api/auth/signout", { method: "POST" }).catch(() => {});
        router.replace("/signin");
        router.refresh();
      }}
      className="rounded-md px-2 py-1 text-xs font-medium text-sidebar-ink hover:bg-white/10 hover:text-white"
    >
      {busy ? "Signing out…" : "Sign out"}
    </button>
  );
}
