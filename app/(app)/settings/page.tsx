import Link from "next/link";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_DESCRIPTIONS } from "@/lib/auth";
import { requirePageRole } from "@/lib/auth/page";

export const metadata = { title: "Settings" };

const ADMIN_SECTIONS = [
  { href: "/settings/users", title: "Users", text: "Invite people, change roles, reset passwords, disable accounts." },
  { href: "/settings/tokens", title: "API tokens", text: "Tokens for automation and CI, each with a role; shown once." },
  { href: "/settings/audit", title: "Audit log", text: "Who changed what, and when — every mutation is recorded." },
  { href: "/settings/sentry", title: "Sentry", text: "Webhook URL to paste into Sentry, signing and API token status, last delivery, poller state." },
  { href: "/settings/deliveries", title: "Webhook deliveries", text: "Every Sentry webhook received, its outcome, and a reprocess button for failed ones." },
];

export default async function SettingsPage() {
  const user = await requirePageRole("viewer");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Your account" className="lg:col-span-1">
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-muted">Email</dt>
              <dd className="font-medium">{user.email}</dd>
            </div>
            <div>
              <dt className="text-muted">Role</dt>
              <dd className="font-medium">{user.role}</dd>
              <dd className="text-xs text-muted">{ROLE_DESCRIPTIONS[user.role]}</dd>
            </div>
          </dl>
        </Card>
        <div className="grid gap-4 sm:grid-cols-2 lg:col-span-2">
          {user.role === "admin" ? (
            ADMIN_SECTIONS.map((section) => (
              <Link key={section.href} href={section.href} className="rounded-lg border border-border bg-surface p-5 shadow-sm hover:border-brand">
                <h2 className="text-sm font-semibold">{section.title}</h2>
                <p className="mt-1 text-sm text-muted">{section.text}</p>
              </Link>
            ))
          ) : (
            <p className="text-sm text-muted">Users, API tokens and the audit log are managed by admins.</p>
          )}
        </div>
      </div>
    </>
  );
}
