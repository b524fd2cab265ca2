"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { apiFetch, ApiError } from "@/lib/api-client";

export function SetupForm({ minPasswordLength }: { minPasswordLength: number }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email"));
    const password = String(form.get("password"));
    if (password !== form.get("confirm")) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      await apiFetch("/api/setup", { method: "POST", body: { email, password, name: String(form.get("name") ?? "") } });
      await apiFetch("/api/auth/signin", { method: "POST", body: { email, password } });
      router.replace("/");
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, "unknown", "Setup failed."));
      setBusy(false);
    }
  }

  return (
    <Card title="Welcome — create the first admin">
      <p className="mb-5 text-sm text-muted">
        This dashboard has no users yet. The account you create now is an <strong>admin</strong>: it can add operators and viewers,
        create API tokens and edit remediation rules.
      </p>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label="Name" name="name" autoComplete="name" placeholder="Ada Lovelace" />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={error?.field === "email" ? error.message : undefined} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          hint={`At least ${minPasswordLength} characters. A passphrase works well.`}
          error={error?.field === "password" ? error.message : undefined}
        />
        <TextField label="Confirm password" name="confirm" type="password" autoComplete="new-password" required error={mismatch ? "The two passwords differ." : undefined} />
        {error && !error.field && <Alert tone="danger">{error.message}</Alert>}
        <Button type="submit" busy={busy} className="w-full">
          Create admin and sign in
        </Button>
      </form>
    </Card>
  );
}
