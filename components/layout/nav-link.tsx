"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "@/components/ui/link-pending";

/** A main navigation link that says when it is the current section. */
export function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`rounded px-2 py-1 hover:bg-slate-700 focus-visible:outline-2 ${current ? "bg-slate-700 font-semibold" : ""}`}
    >
      {label}
      <LinkPending />
    </Link>
  );
}
