import Link from "next/link";
import { IssueList, type IssueListView } from "@/components/issues/issue-list";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { publicBaseUrl } from "@/lib/http/public-url";
import { hasAnyIssue, issueListQuery, listIssues } from "@/lib/issues";

export const metadata = { title: "Issues" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function IssuesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageRole("viewer");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  // The page pages with "Load more" (client-side cursors), so a cursor in the URL is ignored.
  delete raw.cursor;
  const parsed = issueListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : issueListQuery.parse({});
  const badField = parsed.success ? null : String(parsed.error.issues[0]?.path[0] ?? "filter");

  const page = await listIssues(query);
  const header = <PageHeader title="Issues" description="Problems Sentry detected, kept in sync by signed webhooks and a reconciling poller." />;

  if (page.issues.length === 0 && !(await hasAnyIssue())) {
    const baseUrl = await publicBaseUrl();
    return (
      <>
        {header}
        <EmptyState title="No Sentry issues yet">
          <p>
            In Sentry, open <strong>Settings → Developer Settings → Custom Integrations</strong>, create an internal integration, and set its
            webhook URL to:
          </p>
          <p>
            <code className="rounded bg-canvas px-2 py-1 font-mono text-xs text-ink">{baseUrl}/api/webhooks/sentry</code>
          </p>
          <p>Enable the issue, error and comment webhooks, then put the integration&apos;s Client Secret in SENTRY_CLIENT_SECRET.</p>
        </EmptyState>
      </>
    );
  }

  const view: IssueListView = {
    status: query.status,
    level: query.level,
    environment: query.environment,
    project: query.project,
    q: query.q,
    sort: query.sort,
    order: query.order,
  };
  return (
    <>
      {header}
      {badField && (
        <div className="mb-4">
          <Alert tone="warn">
            The link had an invalid <strong>{badField}</strong>, so all issues are shown.{" "}
            <Link href="/issues" className="font-medium underline">
              Reset the view
            </Link>
          </Alert>
        </div>
      )}
      {/* eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant */}
      <IssueList view={view} initialPage={page} serverNow={Date.now()} canOperate={hasRole(user.role, "operator")} />
    </>
  );
}
