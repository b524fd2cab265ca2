import { z } from "zod";

/** Shared by the schema's `Role` enum, the guards and the UI. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are cumulative: an admin can do everything an operator can, and so on. */
export function hasRole(actual: Role, needed: Role): boolean {
  return rank[actual] >= rank[needed];
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads everything: issues, jobs, rules, health.",
  operator: "Also runs, cancels and approves remediation jobs.",
  admin: "Also edits rules, settings, users and API tokens.",
};
