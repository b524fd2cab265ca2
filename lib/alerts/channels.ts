import { z } from "zod";
import { parseInput } from "@/lib/http";
import { recordAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/actor";
import { readAlertSecret, type AppConfig } from "@/lib/config";
import { getDb, type NotificationChannel } from "@/lib/db";
import { Conflict, NotFound, ValidationFailed } from "@/lib/errors";
import { DEFAULT_ROUTES } from "./match";
import { openSecret, sealSecret } from "./secret-box";

export const CHANNEL_KINDS = ["slack", "pagerduty", "email", "webhook", "github"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

const httpsUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

/** Per kind: the settings that are not secret (stored and shown as they are). */
export const CHANNEL_SETTINGS = {
  slack: z.strictObject({}),
  pagerduty: z.strictObject({ eventsUrl: httpsUrl.optional() }),
  webhook: z.strictObject({ url: httpsUrl }),
  email: z.strictObject({
    host: z.string().trim().min(1, { message: "is required" }).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    user: z.string().trim().max(255).optional(),
    from: z.email({ message: "must be an email address" }),
    to: z.array(z.email({ message: "must be an email address" })).min(1, { message: "list at least one recipient" }).max(50),
  }),
  github: z.strictObject({ repository: z.string().trim().regex(/^[\w.-]+\/[\w.-]+$/, { message: "must be owner/name" }), apiUrl: httpsUrl.optional() }),
} as const;

/** What each kind's secret is, to say so when it is missing or malformed. */
const SECRET_RULES: Record<ChannelKind, { what: string; required: boolean; check?: (secret: string) => boolean }> = {
  slack: { what: "the incoming webhook URL", required: true, check: (secret) => /^https?:\/\/\S+$/.test(secret) },
  pagerduty: { what: "the integration's routing key", required: true, check: (secret) => /^\w{20,64}$/.test(secret) },
  webhook: { what: "the signing secret", required: true, check: (secret) => secret.length >= 16 },
  email: { what: "the SMTP password", required: false },
  github: { what: "a token that may comment", required: true },
};

export const channelInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(100),
  kind: z.enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(", ")}` }),
  settings: z.record(z.string(), z.unknown()).default({}),
  /** Stored encrypted with APP_SECRET; never returned. */
  secret: z.string().trim().min(1).max(2000).optional(),
  /** Or read from ALERT_SECRET_<secretEnvVar>. */
  secretEnvVar: z.string().trim().regex(/^[A-Z0-9_]{1,64}$/, { message: "must be upper-case letters, digits and _ (read as ALERT_SECRET_<name>)" }).optional(),
  enabled: z.boolean().default(true),
  /** Create the strategy's routes for this kind (DEFAULT_ROUTES) when none of that name exists. */
  defaultRoutes: z.boolean().default(true),
});
export type ChannelInput = z.input<typeof channelInput>;

/** A channel as the API and pages show it: where its secret comes from, never the secret. */
export interface ChannelView {
  id: string;
  name: string;
  kind: ChannelKind;
  settings: unknown;
  secretSource: "stored" | "environment" | "none";
  secretEnvVar: string | null;
  enabled: boolean;
  lastTestAt: string | null;
  lastTestResult: string | null;
}

export function channelView(channel: NotificationChannel): ChannelView {
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    settings: channel.config,
    secretSource: channel.secretCiphertext ? "stored" : channel.secretEnvVar ? "environment" : "none",
    secretEnvVar: channel.secretEnvVar,
    enabled: channel.enabled,
    lastTestAt: channel.lastTestAt?.toISOString() ?? null,
    lastTestResult: channel.lastTestResult,
  };
}

function settingsFor(kind: ChannelKind, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = CHANNEL_SETTINGS[kind].safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = ["settings", ...issue.path.map(String)].join(".");
    throw new ValidationFailed(`${field} ${issue.message}`, field);
  }
  return parsed.data;
}

function sealedSecret(kind: ChannelKind, input: { secret?: string; secretEnvVar?: string }, config: AppConfig): { secretCiphertext: string | null; secretEnvVar: string | null } {
  const rule = SECRET_RULES[kind];
  if (input.secret && input.secretEnvVar) throw new ValidationFailed("give either secret or secretEnvVar, not both", "secret");
  if (input.secret) {
    if (rule.check && !rule.check(input.secret)) throw new ValidationFailed(`secret must be ${rule.what}`, "secret");
    if (!config.appSecret) throw new ValidationFailed("secret cannot be stored: set APP_SECRET to store channel secrets encrypted, or keep it in ALERT_SECRET_<NAME> and give secretEnvVar", "secret");
    return { secretCiphertext: sealSecret(input.secret, config.appSecret), secretEnvVar: null };
  }
  if (input.secretEnvVar) return { secretCiphertext: null, secretEnvVar: input.secretEnvVar };
  if (rule.required) throw new ValidationFailed(`secret is required: ${rule.what}`, "secret");
  return { secretCiphertext: null, secretEnvVar: null };
}

export async function createChannel(raw: unknown, actor: Actor, config: AppConfig): Promise<ChannelView> {
  const input = parseInput(channelInput, raw);
  const settings = settingsFor(input.kind, input.settings);
  const secret = sealedSecret(input.kind, input, config);
  const db = await getDb();
  const channel = await db
    .$transaction(async (tx) => {
      const created = await tx.notificationChannel.create({ data: { name: input.name, kind: input.kind, config: settings as object, enabled: input.enabled, ...secret } });
      await recordAudit(tx, { actor, action: "alert_channel.created", target: { type: "alert_channel", id: created.id }, summary: `Added ${input.kind} channel ${input.name}`, after: channelView(created) });
      // The strategy's routes for this kind come with its first channel (prod → Slack, class A
      // failures and failing workers → PagerDuty, build failures → GitHub); edit or remove them after.
      if (input.defaultRoutes) {
        const position = await tx.alertRoute.count();
        const missing = [];
        for (const route of DEFAULT_ROUTES.filter((candidate) => candidate.channelKind === input.kind)) {
          if (!(await tx.alertRoute.findFirst({ where: { name: route.name }, select: { id: true } }))) missing.push(route);
        }
        for (const [index, route] of missing.entries()) {
          await tx.alertRoute.create({ data: { name: route.name, match: route.match as object, position: position + index + 1, channels: { create: [{ channelId: created.id }] } } });
        }
      }
      return created;
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === "P2002") throw new Conflict(`A channel named ${input.name} exists already`, "name");
      throw error;
    });
  return channelView(channel);
}

export async function listChannels(): Promise<ChannelView[]> {
  const db = await getDb();
  return (await db.notificationChannel.findMany({ orderBy: { name: "asc" } })).map(channelView);
}

export async function deleteChannel(id: string, actor: Actor): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const channel = await tx.notificationChannel.findUnique({ where: { id } });
    if (!channel) throw new NotFound("Channel");
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "alert_channel.deleted", target: { type: "alert_channel", id }, summary: `Removed ${channel.kind} channel ${channel.name}`, before: channelView(channel) });
  });
}

/** The channel's secret for sending: opened with APP_SECRET, or read from its ALERT_SECRET_* variable. */
export function channelSecret(channel: Pick<NotificationChannel, "secretCiphertext" | "secretEnvVar" | "name">, config: AppConfig): string | null {
  if (channel.secretCiphertext) {
    if (!config.appSecret) throw new Error(`APP_SECRET is not set, so the stored secret of channel ${channel.name} cannot be opened.`);
    return openSecret(channel.secretCiphertext, config.appSecret);
  }
  if (channel.secretEnvVar) {
    const value = readAlertSecret(channel.secretEnvVar);
    if (value === undefined) throw new Error(`ALERT_SECRET_${channel.secretEnvVar} is not set (the secret of channel ${channel.name}).`);
    return value;
  }
  return null;
}
