import Link from "next/link";
import { RuleImportExport, RuleList } from "@/components/rules/rule-list";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { ensureDefaultRules, listRules } from "@/lib/rules";

export const metadata = { title: "Rules" };

export default async function RulesPage() {
  const user = await requirePageRole("viewer");
  await ensureDefaultRules();
  const rules = await listRules();
  const canAdmin = hasRole(user.role, "admin");
  const actions = canAdmin ? (
    <>
      <RuleImportExport />
      <Link href="/rules/new" className="rounded-md bg-brand px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-strong">
        New rule
      </Link>
    </>
  ) : undefined;
  return (
    <>
      <PageHeader title="Rules" description="Which Sentry problems the batch system fixes on its own. Rules are evaluated top to bottom on every matching issue change; each decision is recorded on the issue." actions={actions} />
      {rules.length === 0 ? (
        <EmptyState title="No rules" action={canAdmin ? <Link href="/rules/new" className="rounded-md bg-brand px-3.5 py-2 text-sm font-medium text-white">New rule</Link> : undefined}>
          <p>Without rules, jobs run only when someone presses “Run remediation”. A rule says: when an issue like this appears, run this script, within these limits.</p>
        </EmptyState>
      ) : (
        // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
        <RuleList rules={rules} canOperate={hasRole(user.role, "operator")} canAdmin={canAdmin} serverNow={Date.now()} />
      )}
    </>
  );
}
