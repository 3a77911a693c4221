import { signOut } from "@/lib/actions/session";
import type { SignedInUser } from "@/lib/auth/session";

/** Who is signed in, with which role, and the way out. A plain form: it works before hydration. */
export function SignedInAs({ user }: { user: SignedInUser }) {
  return (
    <div className="ml-auto flex items-center gap-3 text-sm">
      <span>
        <span className="sr-only">Signed in as </span>
        <span className="font-medium">{user.email}</span>{" "}
        <span className="rounded bg-slate-700 px-2 py-0.5 text-xs text-slate-100">
          {user.role ?? "no role"}
        </span>
      </span>
      <form action={signOut}>
        <button
          type="submit"
          className="rounded px-2 py-1 text-slate-200 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          Sign out
        </button>
      </form>
    </div>
  );
}
