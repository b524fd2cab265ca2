import { UsersManager } from "@/components/settings/users-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers, PASSWORD_MIN_LENGTH } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePageRole("admin");
  return (
    <>
      <PageHeader title="Users" description="Viewers read; operators also run, cancel and approve remediation; admins also manage rules, settings, users and tokens." />
      <UsersManager initialUsers={await listUsers()} currentUserId={me.userId} minPasswordLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}
