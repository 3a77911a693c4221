import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostDetail } from "@/components/hosts/host-detail";
import { clusterSnapshot } from "@/lib/dashboard/snapshot";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

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

export default async function HostPage({ params }: Props) {
  const raw = (await params).name;
  const snapshot = await clusterSnapshot();
  const view =
    snapshot.hosts.find((candidate) => candidate.name === decodeName(raw)) ??
    snapshot.hosts.find((candidate) => candidate.name === raw);
  if (!view) notFound();
  return <HostDetail name={view.name} initial={snapshot} />;
}
