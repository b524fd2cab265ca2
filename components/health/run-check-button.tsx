"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import type { HealthRunResult } from "@/lib/health/views";

/** An operator's "Run now": probes at once and refreshes the views that show the check. */
export function RunCheckButton({ checkId, name, variant = "secondary", onResult }: { checkId: string; name: string; variant?: "primary" | "secondary" | "ghost"; onResult?: (result: HealthRunResult | Error) => void }) {
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => apiFetch<HealthRunResult>(`/api/health-checks/${checkId}/run`, { method: "POST" }),
    onSuccess: async (result) => {
      onResult?.(result);
      await Promise.all([queryClient.invalidateQueries({ queryKey: ["health-checks"] }), queryClient.invalidateQueries({ queryKey: ["health-check", checkId] })]);
    },
    onError: (error) => onResult?.(error),
  });
  return (
    <Button variant={variant} busy={run.isPending} onClick={() => run.mutate()} aria-label={`Run ${name} now`}>
      Run now
    </Button>
  );
}
