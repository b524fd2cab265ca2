import { TokensManager } from "@/components/settings/tokens-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  await requirePageRole("admin");
  return (
    <>
      <PageHeader title="API tokens" description="Send a token as `Authorization: Bearer <token>`. Only its hash is stored: copy it when it is shown." />
      <TokensManager initialTokens={await listApiTokens()} />
    </>
  );
}
