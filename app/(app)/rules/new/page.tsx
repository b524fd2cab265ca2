import { NEW_RULE, RuleEditor } from "@/components/rules/rule-editor";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { getConfig } from "@/lib/config";
import { scriptCatalog } from "@/lib/jobs";

export const metadata = { title: "New rule" };

export default async function NewRulePage() {
  await requirePageRole("admin");
  return (
    <>
      <PageHeader title="New rule" description="Conditions decide which issues it matches; the preview shows which of the last 500 issues would have matched, and why." />
      <RuleEditor initial={NEW_RULE} scripts={scriptCatalog(getConfig())} canEdit />
    </>
  );
}
