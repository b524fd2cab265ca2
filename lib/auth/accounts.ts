import { recordAudit } from "@/lib/audit";
import { getConfig } from "@/lib/config";
import { getDb, Prisma } from "@/lib/db";
import { Conflict, NotFound, RateLimited, Unauthenticated, ValidationFailed } from "@/lib/errors";
import { actorOf, type Actor, type Principal } from "./actor";
import type { CreateUserInput, SetupInput, SignInInput, UpdateUserInput } from "./inputs";
import { hashPassword, passwordProblem, timingSafeDummyHash, verifyPassword } from "./password";
import { signInGate } from "./rate-limit";
import type { Role } from "./roles";
import { createSession, deleteSessionBySecret } from "./sessions";

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

function toView(user: { id: string; email: string; name: string | null; role: Role; disabledAt: Date | null; lastSignInAt: Date | null; createdAt: Date }): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabledAt !== null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

function requireGoodPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ValidationFailed(`Password ${problem}.`, "password");
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function needsSetup(): Promise<boolean> {
  const db = await getDb();
  return (await db.user.count()) === 0;
}

const SETUP_MARKER = "setup.completed";

/**
 * Creates the first admin. Only possible while no user exists; the marker row's primary key
 * makes two simultaneous set-ups produce one admin, not two.
 */
export async function completeSetup(input: SetupInput, ip?: string): Promise<UserView> {
  requireGoodPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new Conflict("Setup is already complete: sign in instead.");
      await tx.appSetting.create({ data: { key: SETUP_MARKER, value: { at: new Date().toISOString() } } });
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "admin" } });
      await recordAudit(tx, {
        actor: { type: "user", id: user.id, label: user.email, ip },
        action: "setup.completed",
        target: { type: "user", id: user.id },
        summary: `First admin ${user.email} created`,
      });
      return toView(user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict("Setup is already complete: sign in instead.");
    throw error;
  }
}

export interface SignInResult {
  user: UserView;
  session: { secret: string; expiresAt: Date };
}

/**
 * Checks the password (rate-limited per email and per address) and starts a new session. The
 * session the browser still carried, if any, ends here: a sign-in never keeps a session
 * secret that existed before it (session fixation), whoever that session belonged to.
 */
export async function signIn(
  input: SignInInput,
  client: { ip?: string; userAgent?: string; previousSessionSecret?: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const config = getConfig();
  const db = await getDb();
  const ip = client.ip ?? "unknown";
  const windowStart = new Date(now.getTime() - config.signIn.windowMinutes * 60_000);
  const [forEmail, forIp, oldest] = await Promise.all([
    db.signInAttempt.count({ where: { email: input.email, succeeded: false, createdAt: { gt: windowStart } } }),
    db.signInAttempt.count({ where: { ip, succeeded: false, createdAt: { gt: windowStart } } }),
    db.signInAttempt.findFirst({
      where: { OR: [{ email: input.email }, { ip }], succeeded: false, createdAt: { gt: windowStart } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  const gate = signInGate({ forEmail, forIp, oldestInWindow: oldest?.createdAt ?? null }, config.signIn, now);
  if (!gate.allowed) {
    throw new RateLimited(`Too many failed sign-ins. Try again in ${gate.retryAfterSeconds} seconds.`, gate.retryAfterSeconds);
  }

  const user = await db.user.findUnique({ where: { email: input.email } });
  const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await timingSafeDummyHash(), input.password);
  await db.signInAttempt.create({ data: { email: input.email, ip, succeeded: ok && !user?.disabledAt, createdAt: now } });
  if (!user || !ok) throw new Unauthenticated("Email or password is wrong.");
  if (user.disabledAt) throw new Unauthenticated("This account is disabled. Ask an admin to enable it.");

  const session = await createSession(user.id, { ip: client.ip, userAgent: client.userAgent, ttlHours: config.session.ttlHours }, now);
  if (client.previousSessionSecret) await deleteSessionBySecret(client.previousSessionSecret);
  const updated = await db.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  await recordAudit(db, { actor: { type: "user", id: user.id, label: user.email, ip: client.ip }, action: "auth.signed_in", target: { type: "user", id: user.id } });
  return { user: toView(updated), session };
}

export async function recordSignOut(principal: Principal, ip?: string): Promise<void> {
  const db = await getDb();
  await recordAudit(db, { actor: actorOf(principal, ip), action: "auth.signed_out" });
}

export async function listUsers(): Promise<UserView[]> {
  const db = await getDb();
  return (await db.user.findMany({ orderBy: { createdAt: "asc" } })).map(toView);
}

export async function createUser(input: CreateUserInput, actor: Actor): Promise<UserView> {
  requireGoodPassword(input.password, input.email);
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash } });
      await recordAudit(tx, {
        actor,
        action: "user.created",
        target: { type: "user", id: user.id },
        summary: `${user.email} created as ${user.role}`,
        after: { email: user.email, role: user.role, name: user.name },
      });
      return toView(user);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict(`A user with email ${input.email} already exists.`, "email");
    throw error;
  }
}

/**
 * Changes role, name, password or disabled state. Refuses to leave the product without an
 * active admin, since nobody could then manage users or tokens.
 */
export async function updateUser(userId: string, input: UpdateUserInput, actor: Actor): Promise<UserView> {
  const db = await getDb();
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFound("User");
    if (input.password !== undefined) requireGoodPassword(input.password, user.email);
    const losesAdmin = user.role === "admin" && ((input.role && input.role !== "admin") || input.disabled === true);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "admin", disabledAt: null, id: { not: user.id } } });
      if (otherAdmins === 0) throw new Conflict("This is the last active admin: make another admin first.", input.role ? "role" : "disabled");
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        role: input.role,
        name: input.name,
        passwordHash,
        disabledAt: input.disabled === undefined ? undefined : input.disabled ? (user.disabledAt ?? new Date()) : null,
      },
    });
    if (input.disabled === true || input.password !== undefined) await tx.session.deleteMany({ where: { userId } });
    await recordAudit(tx, {
      actor,
      action: "user.updated",
      target: { type: "user", id: userId },
      summary: `${user.email} updated`,
      before: { role: user.role, name: user.name, disabled: user.disabledAt !== null },
      after: { role: updated.role, name: updated.name, disabled: updated.disabledAt !== null, passwordChanged: input.password !== undefined },
    });
    return toView(updated);
  });
}
