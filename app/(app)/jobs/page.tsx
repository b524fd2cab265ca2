import Link from "next/link";
import { JobList, type JobListView } from "@/components/jobs/job-list";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { hasAnyJob, jobFilterValues, jobListQuery, listJobs } from "@/lib/jobs";

export const metadata = { title: "Jobs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function JobsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole("viewer");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  delete raw.cursor;
  const parsed = jobListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : jobListQuery.parse({});
  const badField = parsed.success ? null : String(parsed.error.issues[0]?.path[0] ?? "filter");
  const canOperate = hasRole(user.role, "operator");
  const newJob = canOperate ? (
    <Link href="/jobs/new" className="rounded-md bg-brand px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-strong">
      New job
    </Link>
  ) : null;
  const header = <PageHeader title="Jobs" description="Batch remediation jobs: queued, awaiting approval, running and finished, with their logs." actions={newJob} />;

  const [page, filterValues] = await Promise.all([listJobs(query), jobFilterValues()]);
  if (page.jobs.length === 0 && !(await hasAnyJob())) {
    return (
      <>
        {header}
        <EmptyState title="No remediation jobs yet" action={newJob ?? undefined}>
          <p>Jobs are submitted by remediation rules when Sentry reports a matching issue, by the “Run remediation” button on an issue, and by <code className="font-mono text-xs">POST /api/jobs</code> with an API token.</p>
          <p>Workers claim them: the Vercel cron tick every minute, <code className="font-mono text-xs">npm run worker</code> when self-hosted, or the app itself with the embedded database.</p>
        </EmptyState>
      </>
    );
  }
  const view: JobListView = {
    status: typeof raw.status === "string" && parsed.success ? raw.status : undefined,
    tier: query.tier?.join(","),
    class: query.class?.join(","),
    source: query.source?.join(","),
    namespace: query.namespace,
    script: query.script,
    issueId: query.issueId,
  };
  return (
    <>
      {header}
      {badField && (
        <div className="mb-4">
          <Alert tone="warn">
            The link had an invalid <strong>{badField}</strong>, so all jobs are shown.{" "}
            <Link href="/jobs" className="font-medium underline">
              Reset the view
            </Link>
          </Alert>
        </div>
      )}
      {/* eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant */}
      <JobList view={view} initialPage={page} filterValues={filterValues} serverNow={Date.now()} />
    </>
  );
}
