import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import type { MigrationStatus } from "../../lib/schemas/migration";
import { copiesOf, domain, scenario, startCluster, waitForEnd } from "./harness";

/** Live, warm and cold migrations between two real agent processes, with rename and dry run. */

let cluster: Cluster;
const h1 = () => cluster.agent("h1").client();
const h2 = () => cluster.agent("h2").client();
const targetUrl = () => cluster.agent("h2").config.url;

beforeAll(async () => {
  cluster = await startCluster(
    scenario([
      {
        name: "h1",
        domains: [
          domain("live1", 2048),
          domain("warm1", 1024),
          domain("cold1", 1024, { state: "inactive" }),
          domain("named1", 512),
          domain("dry1", 4096),
        ],
      },
      { name: "h2", domains: [domain("other", 1024)] },
    ]),
  );
});
afterAll(() => cluster?.stop());

describe("live migration", () => {
  it("moves the domain with rising progress, s/t flags, and the target holding resources from creation", async () => {
    const freeBefore = (await h2().host()).memory.freeMiB;
    await new Promise((done) => setTimeout(done, 1100));
    const uptimeBefore = (await h1().domains()).find((d) => d.name === "live1")?.uptimeSeconds ?? 0;
    expect(uptimeBefore).toBeGreaterThanOrEqual(1);
    const started = await h1().startMigration({
      domain: "live1",
      target: targetUrl(),
      kind: "live",
      maxBandwidthMiBps: 200,
    });
    expect(started.phase).toMatch(/precheck|prepare/);

    const seen: MigrationStatus[] = [];
    const flagsSeen = new Set<string>();
    let targetHeldMemory = false;
    for (;;) {
      const status = await h1().migration(started.id);
      seen.push(status);
      for (const copy of await copiesOf(cluster, "live1"))
        flagsSeen.add(`${copy.host}:${copy.state}:${copy.flags}`);
      const free = (await h2().host()).memory.freeMiB;
      if (status.phase === "transfer" && free === freeBefore - 2048) targetHeldMemory = true;
      if (status.phase === "completed" || status.phase === "failed") break;
      await new Promise((done) => setTimeout(done, 40));
    }

    const final = seen.at(-1) as MigrationStatus;
    expect(final.phase).toBe("completed");
    expect(final.progress).toBe(100);
    expect(final.downtimeMs).toBeGreaterThan(0);
    expect(final.round).toBeGreaterThanOrEqual(2);
    expect(final.transferredBytes).toBeGreaterThanOrEqual(2048 * 1048576);
    const progress = seen.map((status) => status.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBeGreaterThan(3);
    expect(targetHeldMemory).toBe(true);
    expect([...flagsSeen]).toContain("h1:active:-n---s");
    expect([...flagsSeen].some((flags) => flags.startsWith("h2:bound:-----t"))).toBe(true);

    expect(await copiesOf(cluster, "live1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
    expect((await h2().migration(started.id)).phase).toBe("completed");
    expect((await h2().host()).memory.freeMiB).toBe(freeBefore - 2048);
    // A live migration does not reboot the guest.
    const arrived = (await h2().domains()).find((d) => d.name === "live1");
    expect(arrived?.uptimeSeconds).toBeGreaterThanOrEqual(uptimeBefore);
  });
});

describe("warm migration", () => {
  it("suspends first, sends everything once, and its downtime is the whole transfer", async () => {
    const started = await h1().startMigration({
      domain: "warm1",
      target: targetUrl(),
      kind: "warm",
      maxBandwidthMiBps: 400,
    });
    const final = await waitForEnd(h1(), started.id);
    expect(final.phase).toBe("completed");
    expect(final.kind).toBe("warm");
    expect(final.round).toBe(1);
    // 1 GiB at 400 MiB/s is 2.56 s of guest pause, all of it down.
    expect(final.downtimeMs).toBeGreaterThan(2400);
    expect(await copiesOf(cluster, "warm1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });
});

describe("cold migration", () => {
  it("moves an inactive domain's definition (auto picks cold) and keeps it inactive", async () => {
    const started = await h1().startMigration({ domain: "cold1", target: targetUrl() });
    expect(started.kind).toBe("cold");
    const final = await waitForEnd(h1(), started.id);
    expect(final.phase).toBe("completed");
    expect(final.downtimeMs).toBe(0);
    expect(await copiesOf(cluster, "cold1")).toEqual([{ host: "h2", state: "inactive", flags: "------" }]);
  });
});

describe("rename on the target", () => {
  it("arrives under the new name", async () => {
    const started = await h1().startMigration({
      domain: "named1",
      target: targetUrl(),
      targetName: "renamed1",
    });
    expect((await waitForEnd(h1(), started.id)).phase).toBe("completed");
    expect(await copiesOf(cluster, "named1")).toEqual([]);
    expect(await copiesOf(cluster, "renamed1")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });
});

describe("dry run", () => {
  it("answers every check and a prediction, and changes nothing", async () => {
    const before = {
      domains: await h1().domains(),
      migrations: (await h1().migrations()).length,
      host: await h2().host(),
    };
    const result = await h1().dryRun({ domain: "dry1", target: targetUrl() });
    expect(result.ok).toBe(true);
    expect(result.checks.length).toBeGreaterThan(15);
    expect(result.checks.every((check) => check.ok)).toBe(true);
    expect(result.prediction).toMatchObject({ kind: "live", converges: true });
    expect(result.prediction?.transferBytes).toBeGreaterThanOrEqual(4096 * 1048576);

    const after = {
      domains: await h1().domains(),
      migrations: (await h1().migrations()).length,
      host: await h2().host(),
    };
    expect(after.migrations).toBe(before.migrations);
    expect(after.domains.map((d) => [d.name, d.state, d.flags])).toEqual(
      before.domains.map((d) => [d.name, d.state, d.flags]),
    );
    expect(after.host.memory.freeMiB).toBe(before.host.memory.freeMiB);
  });

  it("reports every failed check at once", async () => {
    const result = await h1().dryRun({
      domain: "dry1",
      target: targetUrl(),
      targetName: "other",
      kind: "cold",
    });
    expect(result.ok).toBe(false);
    expect(result.checks.filter((check) => !check.ok).map((check) => check.code)).toEqual([
      "NAME_TAKEN",
      "KIND_UNSUITABLE",
    ]);
  });
});

describe("metrics", () => {
  it("counts migrations by kind and outcome, bytes and downtimes", async () => {
    const text = String(await h1().raw("GET", "/metrics"));
    expect(text).toMatch(/ballast_migrations_total\{role="source",kind="live",outcome="completed"\} [1-9]/);
    expect(text).toMatch(/ballast_migration_bytes_sent_total\{kind="live"\} [1-9]/);
    expect(text).toMatch(/ballast_migration_downtime_milliseconds_count\{kind="warm"\} 1/);
  });
});
