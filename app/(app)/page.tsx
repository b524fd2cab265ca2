import Link from "next/link";
import { OverviewPanels } from "@/components/overview/overview-panels";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { getOverviewSummary } from "@/lib/metrics";

export const metadata = { title: "Overview" };

export default async function OverviewPage() {
  const user = await requirePageRole("viewer");
  const [summary, baseUrl] = await Promise.all([getOverviewSummary(), publicBaseUrl()]);
  return (
    <>
      <PageHeader
        title="Overview"
        description="Sentry issues, remediation jobs, worker health and infrastructure in one place."
        actions={
          user.role !== "viewer" ? (
            <Link href="/jobs" className="rounded-md border border-border bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas">
              View jobs
            </Link>
          ) : null
        }
      />
      <OverviewPanels summary={summary} webhookUrl={`${baseUrl}/api/webhooks/sentry`} isAdmin={user.role === "admin"} />
    </>
  );
}
