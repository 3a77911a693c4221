import type { Metadata } from "next";
import { LiveActiveMigrations } from "@/components/migrations/active-migrations";
import { HistoryFilter } from "@/components/migrations/history-filter";
import { HistoryTable } from "@/components/migrations/history-table";
import { pageUser } from "@/lib/auth/session";
import { listHistory } from "@/lib/dashboard/history";
import { FIRST_VIEW_MAX_AGE_MS } from "@/lib/dashboard/live-ages";
import { liveHosts } from "@/lib/dashboard/live-cluster";
import { migrationsView } from "@/lib/dashboard/views";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Migrations" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function MigrationsPage({ searchParams }: { searchParams: Search }) {
  await pageUser("/migrations");
  const raw = await searchParams;
  const values = Object.fromEntries(
    ["domain", "host", "outcome", "kind"].map((key) => [
      key,
      typeof raw[key] === "string" && raw[key] !== "" ? raw[key] : undefined,
    ]),
  );
  // What the agents report first: each round records it in the history before it is served (a
  // dashboard that was down while migrations ended records them now), so the rows below include it.
  const snapshot = await liveHosts(FIRST_VIEW_MAX_AGE_MS);
  const rows = await listHistory(values);
  return (
    <div className="space-y-8">
      <section aria-labelledby="active">
        <h1 id="active" className="mb-3 text-2xl font-semibold">
          Migrations in progress
        </h1>
        <LiveActiveMigrations initial={migrationsView(snapshot)} />
      </section>
      <section aria-labelledby="history">
        <h2 id="history" className="mb-3 text-lg font-semibold">
          History
        </h2>
        <HistoryFilter values={values} hosts={snapshot.hosts.map((host) => host.name)} />
        <HistoryTable rows={rows} />
      </section>
    </div>
  );
}
