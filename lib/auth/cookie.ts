/** The session cookie's prefix (`ballast.session_token`), shared by the auth set-up and proxy.ts. */
export const SESSION_COOKIE_PREFIX = "ballast";
