import { getSessionCookie } from "better-auth/cookies";
import { type NextRequest, NextResponse } from "next/server";
import { SESSION_COOKIE_PREFIX } from "./lib/auth/cookie";

/**
 * The first gate, before any page renders: a request without a session cookie goes to the sign-in
 * page (pages) or gets 401 (API). It only sees that a cookie is there; whether the session is valid
 * and what its role may do, every page, server action and route handler checks itself
 * (lib/auth/session.ts, lib/auth/authorize.ts). Server actions answer for themselves, in their
 * result shape, rather than with a redirect their caller could not read.
 */
export function proxy(request: NextRequest): NextResponse {
  if (getSessionCookie(request, { cookiePrefix: SESSION_COOKIE_PREFIX })) return NextResponse.next();
  if (request.headers.has("next-action")) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/"))
    return NextResponse.json(
      { error: { code: "UNAUTHENTICATED", message: "sign in first" } },
      { status: 401 },
    );
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything but the sign-in page itself and Next's static files.
  matcher: ["/((?!sign-in|_next/static|_next/image|favicon.ico).*)"],
};
