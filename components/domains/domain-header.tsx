import Link from "next/link";
import type { ReactNode } from "react";
import type { Domain } from "@/lib/schemas/domain";
import { DomainFlags } from "./domain-flags";
import { hostHref } from "./hrefs";
import { StateBadge } from "./state-badge";

const link = "text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-700";

/** The domain's name, where it runs, its state and flags, and what can be done with it. */
export function DomainHeader({
  domain,
  host,
  actions,
}: {
  domain: Domain;
  host: string;
  actions?: ReactNode;
}) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div className="space-y-2">
        <h1 id="domain-name" className="text-2xl font-semibold">
          {domain.name}
        </h1>
        <dl className="flex flex-wrap items-center gap-x-6 gap-y-1 text-sm">
          <div className="flex items-center gap-2">
            <dt className="text-slate-600">Host</dt>
            <dd>
              <Link href={hostHref(host)} className={link}>
                {host}
              </Link>
            </dd>
          </div>
          <div className="flex items-center gap-2">
            <dt className="text-slate-600">State</dt>
            <dd>
              <StateBadge state={domain.state} />
            </dd>
          </div>
          <div className="flex items-center gap-2">
            <dt className="text-slate-600">Flags</dt>
            <dd>
              <DomainFlags flags={domain.flags} />
            </dd>
          </div>
        </dl>
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </header>
  );
}

/** Back to the list: the page is one level under Domains. */
export function DomainBreadcrumb({ name }: { name: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <ol className="flex gap-2 text-slate-600">
        <li>
          <Link href="/domains" className={link}>
            Domains
          </Link>
        </li>
        <li aria-hidden="true">/</li>
        <li aria-current="page">{name}</li>
      </ol>
    </nav>
  );
}
