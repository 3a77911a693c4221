import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DomainDetail } from "@/components/domains/domain-detail";
import { pageUser } from "@/lib/auth/session";
import { domainDetailView } from "@/lib/dashboard/domain-detail-view";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveSnapshot } from "@/lib/dashboard/live-cluster";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** App Router params may arrive still percent-encoded (vercel/next.js#48058); a bad escape stays as is. */
function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeName((await params).name) };
}

/**
 * `?host=` picks the copy when a migration puts the same name on two hosts; without it, the running
 * copy wherever it is. The page then stays on that host, so the live view can follow the domain away.
 */
export default async function DomainPage({ params, searchParams }: Props) {
  await pageUser(`/domains/${(await params).name}`);
  const name = decodeName((await params).name);
  const asked = (await searchParams).host;
  const host = Array.isArray(asked) ? asked[0] : asked;
  const recent = domainDetailView(await liveSnapshot(FIRST_VIEW_MAX_AGE_MS), name, host || undefined);
  // A domain that arrived since that round (a migration just ended) is not "not found": ask again.
  const view =
    recent.location.kind === "missing"
      ? domainDetailView(await liveSnapshot(), name, host || undefined)
      : recent;
  const { location } = view;
  if (location.kind === "missing") notFound();
  const pinned = location.kind === "here" ? location.host : (host ?? "");
  return <DomainDetail initial={view} name={name} host={pinned} />;
}
