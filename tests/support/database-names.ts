export const TEMPLATE_DATABASE = "ops_test_template";

/** The same server, but the maintenance database, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return admin.toString();
}
