import Link from "next/link";
import { notFound } from "next/navigation";
import { EvaluationList } from "@/components/rules/evaluation-list";
import { LoopFiguresList } from "@/components/overview/loop-table";
import { RevisionList } from "@/components/rules/revision-list";
import { RuleEditor, type RuleDraftState } from "@/components/rules/rule-editor";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasRole } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { NotFound } from "@/lib/errors";
import { scriptCatalog } from "@/lib/jobs";
import { getRuleLoopFigures } from "@/lib/metrics";
import { getRuleDetail, type RuleDetail } from "@/lib/rules";

type Params = Promise<{ id: string }>;

export default async function RulePage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requirePageRole("viewer");
  let detail: RuleDetail;
  try {
    detail = await getRuleDetail((await params).id);
  } catch (error) {
    if (error instanceof NotFound) notFound();
    throw error;
  }
  const { rule } = detail;
  const effectiveness = await getRuleLoopFigures(rule.id, "30d");
  const canAdmin = hasRole(user.role, "admin");
  const initial: RuleDraftState = {
    name: rule.name,
    description: rule.description,
    enabled: rule.enabled,
    trigger: rule.trigger,
    conditions: rule.conditions,
    action: { ...rule.action },
    safety: rule.safety,
    stopAfterMatch: rule.stopAfterMatch,
    dryRun: rule.dryRun,
    requiresApproval: rule.requiresApproval,
  };
  return (
    <>
      <Link href="/rules" className="mb-3 inline-flex items-center gap-1 text-sm font-medium text-muted hover:text-ink">
        <span aria-hidden>←</span> Rules
      </Link>
      <PageHeader title={rule.name} description={`Revision ${rule.revision} · ${rule.hits24h} hits in 24 h${canAdmin ? "" : " · read-only (admins edit rules)"}`} />
      {(await searchParams).saved && (
        <div className="mb-4">
          <Alert tone="ok">Saved as revision {rule.revision}.</Alert>
        </div>
      )}
      <RuleEditor key={rule.revision} ruleId={rule.id} revision={rule.revision} initial={initial} scripts={scriptCatalog(getConfig())} canEdit={canAdmin} />
      <Card title="Effectiveness (30 days)" className="mt-6">
        {effectiveness.finished === 0 ? (
          <p className="text-sm text-muted">No job from this rule finished in the last 30 days.</p>
        ) : (
          <LoopFiguresList figures={effectiveness} />
        )}
      </Card>
      <div className="mt-6 grid gap-6 xl:grid-cols-5">
        <Card title="Recent evaluations" className="xl:col-span-3">
          <EvaluationList evaluations={detail.recentEvaluations} showIssue />
        </Card>
        <Card title="Revisions" className="xl:col-span-2">
          <RevisionList ruleId={rule.id} current={rule.revision} revisions={detail.revisions} canAdmin={canAdmin} />
        </Card>
      </div>
    </>
  );
}
