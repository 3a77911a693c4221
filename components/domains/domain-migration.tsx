import Link from "next/link";
import { CancelButton } from "@/components/migrate/cancel-button";
import { MigrationProgress } from "@/components/migrations/migration-progress";
import { ACTIVE_PHASES, type MigrationStatus } from "@/lib/schemas/migration";
import { domainHref, hostHref } from "./hrefs";

const link = "text-sky-800 underline focus-visible:outline-2 focus-visible:outline-sky-700";

/**
 * The migration this copy is part of, live. Only the source controls a migration, so Cancel is
 * offered on the source's page; the target's page says where to go instead.
 */
export function DomainMigration({ migration, host }: { migration: MigrationStatus; host: string }) {
  const onSource = migration.source === host;
  const cancellable = (ACTIVE_PHASES as readonly string[]).includes(migration.phase);
  const renamed = migration.targetName !== migration.domain ? ` as ${migration.targetName}` : "";
  return (
    <section
      aria-labelledby="migration-heading"
      className="space-y-3 rounded border border-sky-200 bg-white p-4"
    >
      <h2 id="migration-heading" className="text-lg font-semibold">
        Migration
      </h2>
      <p className="text-sm">
        {onSource ? "This is the source copy" : "This is the target copy (bound until the hand-off)"}:{" "}
        {migration.kind} migration of {migration.domain} from{" "}
        <Link href={hostHref(migration.source)} className={link}>
          {migration.source}
        </Link>{" "}
        to{" "}
        <Link href={hostHref(migration.target)} className={link}>
          {migration.target}
        </Link>
        {renamed}, phase <span className="font-mono">{migration.phase}</span>.
      </p>
      {migration.phase === "needs-attention" && (
        <p className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Needs attention: the outcome of the hand-off is unknown, so the source copy stays paused until an
          admin decides which copy to keep.
        </p>
      )}
      <MigrationProgress migration={migration} />
      {cancellable &&
        (onSource ? (
          <CancelButton id={migration.id} source={migration.source} domain={migration.domain} />
        ) : (
          <p className="text-sm text-slate-600">
            Only the source controls a migration: cancel it from{" "}
            <Link href={domainHref(migration.domain, migration.source)} className={link}>
              {migration.domain} on {migration.source}
            </Link>
            .
          </p>
        ))}
    </section>
  );
}
