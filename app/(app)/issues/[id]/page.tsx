import { notFound } from "next/navigation";
import { cache } from "react";
import { AutoRefresh } from "@/components/issues/auto-refresh";
import { IssueDetailView } from "@/components/issues/issue-detail";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { NotFound } from "@/lib/errors";
import { getIssueDetail, type IssueDetail } from "@/lib/issues";
import { getIssueLoop } from "@/lib/loop";
import { issueEvaluations, suggestedScripts } from "@/lib/rules";

type Params = Promise<{ id: string }>;

// generateMetadata and the page share one read per request.
const loadIssue = cache(async (id: string): Promise<IssueDetail | null> => {
  try {
    return await getIssueDetail(id);
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }) {
  await requirePageRole("viewer");
  const detail = await loadIssue((await params).id);
  return { title: detail ? `${detail.issue.shortId ?? "Issue"} · ${detail.issue.title}` : "Issue not found" };
}

export default async function IssuePage({ params }: { params: Params }) {
  const user = await requirePageRole("viewer");
  const detail = await loadIssue((await params).id);
  if (!detail) notFound();
  const [loop, evaluations, suggested] = await Promise.all([getIssueLoop(detail.issue.id), issueEvaluations(detail.issue.id), suggestedScripts(detail.issue.id)]);
  return (
    <>
      <AutoRefresh intervalMs={30_000} />
      {/* eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant */}
      <IssueDetailView detail={detail} loop={loop} serverNow={Date.now()} canOperate={hasRole(user.role, "operator")} evaluations={evaluations} suggestedScripts={suggested} />
    </>
  );
}
