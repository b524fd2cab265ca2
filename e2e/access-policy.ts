/**
 * Who may call each route: the specification the auth matrix checks the running app against.
 * The matrix fails when a route file exists without an entry here, so a new route cannot
 * ship without a decision about its access.
 */
/** "signed": authenticated by a request signature (webhooks), so 401 is a valid answer to anyone without it. */
export type Access = "public" | "signed" | "viewer" | "operator" | "admin";

export const ACCESS_POLICY: Record<string, Access> = {
  // API
  "GET /api/health": "public",
  "GET /api/setup": "public",
  "POST /api/setup": "public",
  "POST /api/auth/signin": "public",
  "POST /api/auth/signout": "viewer",
  "GET /api/auth/me": "viewer",
  "GET /api/overview": "viewer",
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "GET /api/tokens": "admin",
  "POST /api/tokens": "admin",
  "DELETE /api/tokens/[id]": "admin",
  "GET /api/audit": "admin",
  "POST /api/settings/sentry/check": "admin",
  "GET /api/issues": "viewer",
  "GET /api/issues/[id]": "viewer",
  "GET /api/deliveries": "admin",
  "GET /api/deliveries/[id]": "admin",
  "POST /api/deliveries/[id]/reprocess": "admin",
  "GET /api/jobs": "viewer",
  "POST /api/jobs": "operator",
  "GET /api/jobs/[id]": "viewer",
  "GET /api/jobs/[id]/logs": "viewer",
  "POST /api/jobs/[id]/cancel": "operator",
  "POST /api/jobs/[id]/approve": "operator",
  "POST /api/jobs/[id]/reject": "operator",
  "POST /api/jobs/[id]/retry": "operator",
  "GET /api/scripts": "viewer",
  "GET /api/workers": "viewer",
  "POST /api/cron/tick": "admin",
  // Sentry intake: authenticated by the webhook signature, not by a session.
  "POST /api/webhooks/sentry": "signed",
  // A job's outside runner: authenticated by the job's one-time callback token.
  "POST /api/jobs/[id]/callback": "signed",
  // Vercel Cron: authenticated by CRON_SECRET.
  "GET /api/cron/tick": "signed",
  // Pages
  "PAGE /setup": "public",
  "PAGE /signin": "public",
  "PAGE /": "viewer",
  "PAGE /issues": "viewer",
  "PAGE /issues/[id]": "viewer",
  "PAGE /jobs": "viewer",
  "PAGE /jobs/new": "operator",
  "PAGE /jobs/[id]": "viewer",
  "PAGE /rules": "viewer",
  "PAGE /workers": "viewer",
  "PAGE /health": "viewer",
  "PAGE /alerts": "viewer",
  "PAGE /settings": "viewer",
  "PAGE /settings/users": "admin",
  "PAGE /settings/tokens": "admin",
  "PAGE /settings/audit": "admin",
  "PAGE /settings/sentry": "admin",
  "PAGE /settings/deliveries": "admin",
};
