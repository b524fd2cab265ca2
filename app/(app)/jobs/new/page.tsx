import { SubmitJobForm } from "@/components/jobs/submit-job-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { scriptCatalog } from "@/lib/jobs";
import { getIssueDetail } from "@/lib/issues";

export const metadata = { title: "New job" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function NewJobPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageRole("operator");
  const { issue: issueParam, script } = await searchParams;
  const issue = typeof issueParam === "string" ? await getIssueDetail(issueParam).then((detail) => detail.issue).catch(() => null) : null;
  return (
    <>
      <PageHeader title="New remediation job" description="Run a script by hand. Jobs on production ask for a typed confirmation; every submission is audited." />
      <div className="max-w-2xl">
        <Card>
          <SubmitJobForm
            scripts={scriptCatalog(getConfig())}
            issue={issue ? { id: issue.id, title: issue.title, shortId: issue.shortId } : undefined}
            suggested={typeof script === "string" ? [script] : []}
          />
        </Card>
      </div>
    </>
  );
}
