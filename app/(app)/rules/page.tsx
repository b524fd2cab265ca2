import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { countSection } from "@/lib/metrics";

export const metadata = { title: "Rules" };

export default async function RulesPage() {
  await requirePageRole("viewer");
  const count = await countSection("rules");
  return (
    <>
      <PageHeader title="Rules" description="Rules decide which Sentry problems the batch system fixes on its own, and how carefully." />
      <EmptyState title={count === 0 ? "No remediation rules yet" : `${count} rules`}>
        <p>A rule matches issues by title, culprit, level, environment or tags and submits a remediation script with a tier (prod or nonprod) and a priority class (A, B or C).</p>
        <p>The default pack — build failures, database culprits, out-of-memory errors, production errors — is seeded on first run; admins can edit it here.</p>
      </EmptyState>
    </>
  );
}
