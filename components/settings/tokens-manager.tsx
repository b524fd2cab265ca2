"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import { apiFetch, ApiError } from "@/lib/api-client";
import type { ApiTokenView } from "@/lib/auth/api-tokens";

function tokenState(token: ApiTokenView): { label: string; tone: "ok" | "danger" | "warn" } {
  if (token.revokedAt) return { label: "revoked", tone: "danger" };
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return { label: "expired", tone: "warn" };
  return { label: "active", tone: "ok" };
}

export function TokensManager({ initialTokens }: { initialTokens: ApiTokenView[] }) {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ["tokens"], queryFn: async () => (await apiFetch<{ tokens: ApiTokenView[] }>("/api/tokens")).tokens, initialData: initialTokens });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: async () => {
      setRevoking(null);
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button onClick={() => setCreating(true)}>Create token</Button>
      </div>
      {tokens.data.length === 0 ? (
        <EmptyState title="No API tokens yet">
          <p>Create one for CI, scripts or another service. From a shell: <code className="font-mono text-xs">npm run token:create -- --name ci --role operator</code></p>
        </EmptyState>
      ) : (
        <Table head={["Name", "Token", "Role", "Status", "Last used", "Expires", ""]} caption="API tokens">
          {tokens.data.map((token) => {
            const state = tokenState(token);
            return (
              <tr key={token.id}>
                <Cell>
                  <p className="font-medium">{token.name}</p>
                  {token.createdBy && <p className="text-xs text-muted">by {token.createdBy}</p>}
                </Cell>
                <Cell className="font-mono text-xs">{token.prefix}…</Cell>
                <Cell>{token.role}</Cell>
                <Cell>
                  <Badge tone={state.tone}>{state.label}</Badge>
                </Cell>
                <Cell className="whitespace-nowrap text-muted">{token.lastUsedAt ? new Date(token.lastUsedAt).toLocaleString() : "never"}</Cell>
                <Cell className="whitespace-nowrap text-muted">{token.expiresAt ? new Date(token.expiresAt).toLocaleDateString() : "never"}</Cell>
                <Cell className="text-right">
                  {!token.revokedAt && (
                    <Button variant="ghost" onClick={() => setRevoking(token)}>
                      Revoke
                    </Button>
                  )}
                </Cell>
              </tr>
            );
          })}
        </Table>
      )}
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
      <Dialog open={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this token?">
        <p className="text-sm text-muted">
          Anything using <strong>{revoking?.name}</strong> stops working at once. This cannot be undone.
        </p>
        {revoke.error && <Alert tone="danger">{revoke.error.message}</Alert>}
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRevoking(null)}>
            Keep it
          </Button>
          <Button variant="danger" busy={revoke.isPending} onClick={() => revoking && revoke.mutate(revoking.id)}>
            Revoke token
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ secret: string }>("/api/tokens", { method: "POST", body }),
    onSuccess: async (result) => {
      setSecret(result.secret);
      await queryClient.invalidateQueries({ queryKey: ["tokens"] });
    },
  });
  const error = create.error instanceof ApiError ? create.error : null;
  function close() {
    setSecret(null);
    setCopied(false);
    create.reset();
    onClose();
  }
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const days = String(form.get("expires"));
    create.mutate({ name: form.get("name"), role: form.get("role"), expiresInDays: days === "never" ? null : Number(days) });
  }
  return (
    <Dialog open={open} onClose={close} title={secret ? "Copy your new token" : "Create API token"}>
      {secret ? (
        <div className="space-y-4">
          <Alert tone="warn">This is the only time the token is shown. Store it in your secret manager now.</Alert>
          <code data-testid="new-token" className="block break-all rounded-md bg-canvas p-3 font-mono text-xs">
            {secret}
          </code>
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(secret).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button onClick={close}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} className="space-y-4" noValidate>
          <TextField label="Name" name="name" placeholder="ci-pipeline" error={error?.field === "name" ? error.message : undefined} />
          <SelectField
            label="Role"
            name="role"
            defaultValue="operator"
            options={[
              { value: "viewer", label: "Viewer — read only" },
              { value: "operator", label: "Operator — submit and run remediation" },
              { value: "admin", label: "Admin — everything" },
            ]}
          />
          <SelectField
            label="Expires"
            name="expires"
            defaultValue="90"
            options={[
              { value: "30", label: "In 30 days" },
              { value: "90", label: "In 90 days" },
              { value: "365", label: "In a year" },
              { value: "never", label: "Never" },
            ]}
          />
          {error && !error.field && <Alert tone="danger">{error.message}</Alert>}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" busy={create.isPending}>
              Create token
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
