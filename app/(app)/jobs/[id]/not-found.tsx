import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";

export default function JobNotFound() {
  return (
    <EmptyState title="Job not found" action={<Link href="/jobs" className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">All jobs</Link>}>
      <p>No job has this id. It may have been removed by retention, or the link is wrong.</p>
    </EmptyState>
  );
}
