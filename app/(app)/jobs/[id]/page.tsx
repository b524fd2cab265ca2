import { notFound } from "next/navigation";
import { cache } from "react";
import { JobDetailView } from "@/components/jobs/job-detail";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { NotFound } from "@/lib/errors";
import { getJobDetail, type JobDetail } from "@/lib/jobs";

type Params = Promise<{ id: string }>;

const loadJob = cache(async (id: string): Promise<JobDetail | null> => {
  try {
    return await getJobDetail(id);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }) {
  await requirePageRole("viewer");
  const detail = await loadJob((await params).id);
  return { title: detail ? `${detail.job.script} · job` : "Job not found" };
}

export default async function JobPage({ params }: { params: Params }) {
  const user = await requirePageRole("viewer");
  const detail = await loadJob((await params).id);
  if (!detail) notFound();
  // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
  return <JobDetailView initial={detail} canOperate={hasRole(user.role, "operator")} serverNow={Date.now()} />;
}
