import Link from "next/link";
import { can, type Permission } from "@/lib/auth/roles";
import type { SignedInUser } from "@/lib/auth/session";
import { NavLink } from "./nav-link";
import { SignedInAs } from "./signed-in-as";

const LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Overview", permission: "view" },
  { href: "/hosts", label: "Hosts", permission: "view" },
  { href: "/domains", label: "Domains", permission: "view" },
  { href: "/migrations", label: "Migrations", permission: "view" },
  { href: "/suggestions", label: "Suggestions", permission: "view" },
  { href: "/settings", label: "Settings", permission: "view" },
  { href: "/users", label: "Users", permission: "manage-users" },
  { href: "/audit", label: "Audit log", permission: "read-audit" },
];

/** The main navigation: the sections the signed-in user's role may open, and who that user is. */
export function Nav({ user }: { user: SignedInUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-slate-900 text-slate-100">
      <nav aria-label="Main" className="mx-auto flex max-w-screen-2xl items-center gap-6 px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Ballast
        </Link>
        {user && (
          <>
            <ul className="flex gap-4 text-sm">
              {LINKS.filter((link) => can(user.role, link.permission)).map((link) => (
                <li key={link.href}>
                  <NavLink href={link.href} label={link.label} />
                </li>
              ))}
            </ul>
            <SignedInAs user={user} />
          </>
        )}
      </nav>
    </header>
  );
}
