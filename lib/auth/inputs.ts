import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./password";
import { roleSchema } from "./roles";

const email = z
  .string({ message: "is required" })
  .trim()
  .toLowerCase()
  .max(254, { message: "must be at most 254 characters" })
  .pipe(z.email({ message: "must be an email address" }));

const password = z.string({ message: "is required" }).max(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` });

const displayName = z
  .string()
  .trim()
  .max(100, { message: "must be at most 100 characters" })
  .optional()
  .transform((value) => (value ? value : undefined));

export const setupInput = z.object({ email, password, name: displayName });
export const signInInput = z.object({ email, password: z.string({ message: "is required" }).min(1, { message: "is required" }).max(PASSWORD_MAX_LENGTH) });
export const createUserInput = z.object({ email, password, name: displayName, role: roleSchema });
export const updateUserInput = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean({ message: "must be true or false" }).optional(),
    name: displayName,
    password: password.optional(),
  })
  .refine((value) => Object.values(value).some((v) => v !== undefined), { message: "nothing to change: send role, disabled, name or password" });

export const createApiTokenInput = z.object({
  name: z.string({ message: "is required" }).trim().min(1, { message: "is required" }).max(80, { message: "must be at most 80 characters" }),
  role: roleSchema,
  expiresInDays: z
    .number({ message: "must be a number of days" })
    .int({ message: "must be a whole number of days" })
    .min(1, { message: "must be at least 1" })
    .max(3650, { message: "must be at most 3650" })
    .nullable()
    .optional(),
});

export type SetupInput = z.infer<typeof setupInput>;
export type SignInInput = z.infer<typeof signInInput>;
export type CreateUserInput = z.infer<typeof createUserInput>;
export type UpdateUserInput = z.infer<typeof updateUserInput>;
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;
