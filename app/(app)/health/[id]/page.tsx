import { notFound } from "next/navigation";
import { HealthCheckDetailView } from "@/components/health/health-check-detail";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { NotFound } from "@/lib/errors";
import { getHealthCheckDetail, type HealthCheckDetail } from "@/lib/health";

export const metadata = { title: "Health check" };

export default async function HealthCheckPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole("viewer");
  let detail: HealthCheckDetail;
  try {
    detail = await getHealthCheckDetail((await params).id);
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  return (
    // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
    <HealthCheckDetailView key={detail.check.id} initial={detail} canOperate={hasRole(user.role, "operator")} canAdmin={hasRole(user.role, "admin")} serverNow={Date.now()} />
  );
}
