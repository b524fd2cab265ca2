import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";

export const metadata = { title: "Alerts" };

export default async function AlertsPage() {
  await requirePageRole("viewer");
  return (
    <>
      <PageHeader title="Alerts" description="Where failures, approvals and recoveries are announced, routed by tier." />
      <EmptyState title="No alert channels yet">
        <p>Production problems go to Slack and PagerDuty, non-production ones to email and GitHub comments. Add a channel, then a route that sends matching events to it.</p>
      </EmptyState>
    </>
  );
}
