import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HostDetail } from "@/components/hosts/host-detail";
import { pageUser } from "@/lib/auth/session";
import { maintenanceOf } from "@/lib/dashboard/planner-store";
import { takeHostView } from "@/lib/dashboard/snapshot";

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

/** Only this host's agent is asked, here and by the page's live query. */
export default async function HostPage({ params }: Props) {
  await pageUser(`/hosts/${(await params).name}`);
  const raw = (await params).name;
  const decoded = decodeName(raw);
  const taken = (await takeHostView(decoded)) ?? (decoded === raw ? null : await takeHostView(raw));
  if (!taken) notFound();
  const maintenance = await maintenanceOf(taken.view.name);
  return <HostDetail name={taken.view.name} initial={taken} maintenance={maintenance} />;
}
