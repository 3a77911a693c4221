import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getAuth } from "./auth";
import { isRole, type Role } from "./roles";

/**
 * Who is asking: the signed-in user of this request, read from the session cookie and the database
 * (no cookie cache, so a removed user or a changed role counts at once). Cached per request.
 */

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role | null;
}

export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  // Headers first: a page prerendered at build time stops here (it is dynamic), before the secret.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session || session.user.banned) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role: isRole(role) ? role : null };
});

/** For pages: the user, or off to the sign-in page, back here afterwards. */
export async function pageUser(path: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return user;
}

/**
 * The client's address as Next.js passes it: the X-Forwarded-For a reverse proxy in front set, or
 * the socket's address Next puts there when there is none. A client that talks to Next directly can
 * write that header itself; the per-account lockout does not depend on it.
 */
export async function clientAddress(): Promise<string | null> {
  const list = (await headers()).get("x-forwarded-for");
  const first = list?.split(",")[0]?.trim();
  return first ? first.slice(0, 64) : null;
}
