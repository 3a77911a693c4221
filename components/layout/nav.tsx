import Link from "next/link";
import { NavLink } from "./nav-link";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/hosts", label: "Hosts" },
  { href: "/domains", label: "Domains" },
  { href: "/migrations", label: "Migrations" },
  { href: "/suggestions", label: "Suggestions" },
  { href: "/settings", label: "Settings" },
];

export function Nav() {
  return (
    <header className="border-b border-slate-200 bg-slate-900 text-slate-100">
      <nav aria-label="Main" className="mx-auto flex max-w-screen-2xl items-center gap-6 px-6 py-3">
        <Link href="/" className="text-lg font-semibold tracking-tight">
          Ballast
        </Link>
        <ul className="flex gap-4 text-sm">
          {LINKS.map((link) => (
            <li key={link.href}>
              <NavLink href={link.href} label={link.label} />
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
