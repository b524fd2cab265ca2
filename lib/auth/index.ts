export { ROLES, ROLE_DESCRIPTIONS, hasRole, roleSchema, type Role } from "./roles";
export { actorOf, SYSTEM_ACTOR, type Actor, type Principal } from "./actor";
export { authenticateRequest, requireRole, clientIp, sessionCookie, clearedSessionCookie, readCookie } from "./request";
export { SESSION_COOKIE, principalFromSessionSecret, deleteSessionBySecret } from "./sessions";
export { needsSetup, completeSetup, signIn, recordSignOut, listUsers, createUser, updateUser, type UserView } from "./accounts";
export { createApiToken, listApiTokens, revokeApiToken, type ApiTokenView } from "./api-tokens";
export { setupInput, signInInput, createUserInput, updateUserInput, createApiTokenInput } from "./inputs";
export { passwordProblem, PASSWORD_MIN_LENGTH } from "./password";
