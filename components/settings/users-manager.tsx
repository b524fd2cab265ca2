"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import { apiFetch, ApiError } from "@/lib/api-client";
import type { UserView } from "@/lib/auth/accounts";

const ROLE_OPTIONS = [
  { value: "viewer", label: "Viewer — read only" },
  { value: "operator", label: "Operator — runs remediation" },
  { value: "admin", label: "Admin — everything" },
];

export function UsersManager({ initialUsers, currentUserId, minPasswordLength }: { initialUsers: UserView[]; currentUserId: string; minPasswordLength: number }) {
  const queryClient = useQueryClient();
  const users = useQuery({
    queryKey: ["users"],
    queryFn: async () => (await apiFetch<{ users: UserView[] }>("/api/users")).users,
    initialData: initialUsers,
  });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const update = useMutation({
    mutationFn: (vars: { id: string; patch: Record<string, unknown> }) => apiFetch(`/api/users/${vars.id}`, { method: "PATCH", body: vars.patch }),
    onSuccess: () => {
      setRowError(null);
      return queryClient.invalidateQueries({ queryKey: ["users"] });
    },
    onError: (error) => setRowError(error.message),
  });

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => setCreating(true)}>Add user</Button>
      </div>
      {rowError && <Alert tone="danger">{rowError}</Alert>}
      <Table head={["User", "Role", "Status", "Last sign-in", ""]} caption="Users">
        {users.data.map((user) => (
          <tr key={user.id}>
            <Cell>
              <p className="font-medium">{user.name ?? user.email}</p>
              {user.name && <p className="text-xs text-muted">{user.email}</p>}
            </Cell>
            <Cell>
              <label className="sr-only" htmlFor={`role-${user.id}`}>
                Role of {user.email}
              </label>
              <select
                id={`role-${user.id}`}
                value={user.role}
                disabled={update.isPending}
                onChange={(event) => update.mutate({ id: user.id, patch: { role: event.target.value } })}
                className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
              >
                <option value="viewer">viewer</option>
                <option value="operator">operator</option>
                <option value="admin">admin</option>
              </select>
            </Cell>
            <Cell>{user.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="ok">active</Badge>}</Cell>
            <Cell className="whitespace-nowrap text-muted">{user.lastSignInAt ? new Date(user.lastSignInAt).toLocaleString() : "never"}</Cell>
            <Cell className="whitespace-nowrap text-right">
              <Button variant="ghost" onClick={() => setResetting(user)}>
                Set password
              </Button>
              {user.id !== currentUserId && (
                <Button variant="ghost" onClick={() => update.mutate({ id: user.id, patch: { disabled: !user.disabled } })}>
                  {user.disabled ? "Enable" : "Disable"}
                </Button>
              )}
            </Cell>
          </tr>
        ))}
      </Table>
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} minPasswordLength={minPasswordLength} />
      {resetting && <SetPasswordDialog user={resetting} onClose={() => setResetting(null)} minPasswordLength={minPasswordLength} />}
    </div>
  );
}

function CreateUserDialog({ open, onClose, minPasswordLength }: { open: boolean; onClose: () => void; minPasswordLength: number }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch("/api/users", { method: "POST", body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["users"] });
      onClose();
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({ email: form.get("email"), name: form.get("name"), role: form.get("role"), password: form.get("password") });
  }
  return (
    <Dialog open={open} onClose={onClose} title="Add user">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label="Email" name="email" type="email" required error={error?.field === "email" ? error.message : undefined} />
        <TextField label="Name" name="name" />
        <SelectField label="Role" name="role" defaultValue="viewer" options={ROLE_OPTIONS} error={error?.field === "role" ? error.message : undefined} />
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minPasswordLength} characters; share it privately.`}
          error={error?.field === "password" ? error.message : undefined}
        />
        {error && !error.field && <Alert tone="danger">{error.message}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={create.isPending}>
            Add user
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function SetPasswordDialog({ user, onClose, minPasswordLength }: { user: UserView; onClose: () => void; minPasswordLength: number }) {
  const reset = useMutation({
    mutationFn: (password: string) => apiFetch(`/api/users/${user.id}`, { method: "PATCH", body: { password } }),
    onSuccess: onClose,
  });
  const error = reset.error instanceof ApiError ? reset.error : null;
  return (
    <Dialog open onClose={onClose} title={`Set a new password for ${user.email}`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          reset.mutate(String(new FormData(event.currentTarget).get("password")));
        }}
        className="space-y-4"
        noValidate
      >
        <TextField label="New password" name="password" type="password" autoComplete="new-password" hint={`At least ${minPasswordLength} characters. Their sessions are signed out.`} error={error?.message} />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={reset.isPending}>
            Set password
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
