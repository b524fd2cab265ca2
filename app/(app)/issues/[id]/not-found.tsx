import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function IssueNotFound() {
  return (
    <EmptyState
      title="Issue not found"
      action={
        <Link href="/issues" className="rounded-md bg-brand px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-strong">
          Back to issues
        </Link>
      }
    >
      <p>No issue has this id or Sentry issue id. It may not have reached this dashboard yet: Sentry sends new issues by webhook, and the poller catches up on missed ones.</p>
    </EmptyState>
  );
}
