import { z } from "zod";
import { ROLES } from "../auth/roles";

/** What the sign-in form and the users page send to their server actions. */

export const emailSchema = z
  .string({ error: "enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, { message: "enter an email address", abort: true })
  .max(320, "at most 320 characters")
  .pipe(z.email("not an email address"));

export const signInSchema = z.object({
  email: emailSchema,
  // Not trimmed: a password is what it is. Only bounded, so a huge body is not hashed.
  password: z.string({ error: "enter the password" }).min(1, "enter the password").max(128, "too long"),
  next: z.string().max(500).optional(),
});

export const roleSchema = z.enum(ROLES, { error: "pick viewer, operator or admin" });

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, "enter a name").max(100, "at most 100 characters"),
  password: z
    .string({ error: "enter a password" })
    .min(12, "at least 12 characters")
    .max(128, "at most 128 characters"),
  role: roleSchema,
});

export const userIdSchema = z.string().trim().min(1, "missing user id").max(100, "not a user id");

export const setRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });

/**
 * Where to go after signing in: a path of this dashboard only (no scheme, no host, no `//`), so the
 * sign-in page cannot be used to send someone elsewhere.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next.startsWith("/sign-in")) return "/";
  return next;
}
