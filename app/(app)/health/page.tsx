import { HealthCheckList } from "@/components/health/health-check-list";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { listHealthChecks } from "@/lib/health";

export const metadata = { title: "Health" };

export default async function HealthPage() {
  const user = await requirePageRole("viewer");
  const checks = await listHealthChecks();
  return (
    <>
      <PageHeader title="Health" description="Infrastructure checks: HTTP endpoints, TCP ports, Redis and PostgreSQL, probed on every tick. A check that goes down opens an incident; it is resolved when the check comes back." />
      {/* eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant */}
      <HealthCheckList initialChecks={checks} canOperate={hasRole(user.role, "operator")} canAdmin={hasRole(user.role, "admin")} serverNow={Date.now()} />
    </>
  );
}
