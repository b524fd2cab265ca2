import { AuditLog } from "@/components/settings/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEntries } from "@/lib/audit";
import { requirePageRole } from "@/lib/auth/page";

export const metadata = { title: "Audit log" };

export default async function AuditPage() {
  await requirePageRole("admin");
  return (
    <>
      <PageHeader title="Audit log" description="Every change, newest first: who, what, when, and the values before and after." />
      <AuditLog initialPage={await listAuditEntries({ limit: 50 })} />
    </>
  );
}
