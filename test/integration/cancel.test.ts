import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import { AgentHttpError } from "../../lib/agent-client/errors";
import { copiesOf, domain, scenario, startCluster, waitForEnd, waitForPhase } from "./harness";

/** Cancel: only from the source, in any phase up to hand-off; the target's copy is destroyed. */

let cluster: Cluster;
const h1 = () => cluster.agent("h1").client();
const h2 = () => cluster.agent("h2").client();
const targetUrl = () => cluster.agent("h2").config.url;

beforeAll(async () => {
  cluster = await startCluster(
    scenario([
      {
        name: "h1",
        domains: [domain("c1", 2048), domain("c2", 2048), domain("c3", 1024), domain("c4", 512)],
      },
      { name: "h2", domains: [] },
    ]),
  );
});
afterAll(() => cluster?.stop());

async function rejection(promise: Promise<unknown>): Promise<AgentHttpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AgentHttpError);
  return error as AgentHttpError;
}

describe("cancel from the source", () => {
  it("mid-transfer: the target's copy is destroyed and the domain keeps running on the source", async () => {
    const freeBefore = (await h2().host()).memory.freeMiB;
    // 2 GiB at 20 MiB/s is 100 simulated seconds: 5 real seconds at the tests' time scale.
    const started = await h1().startMigration({ domain: "c1", target: targetUrl(), maxBandwidthMiBps: 20 });
    await waitForPhase(h1(), started.id, ["transfer"]);
    // GET /v1/summary (what the dashboard polls) is /v1/host and /v1/migrations in one answer.
    const summary = await h2().summary();
    expect(summary.host.name).toBe("h2");
    expect(summary.host.memory.freeMiB).toBeLessThan(freeBefore);
    expect(summary.migrations.map((migration) => [migration.id, migration.role])).toEqual([
      [started.id, "target"],
    ]);
    const cancelled = await h1().cancel(started.id);
    expect(cancelled.phase).toBe("cancelled");

    expect(await copiesOf(cluster, "c1")).toEqual([{ host: "h1", state: "active", flags: "-n----" }]);
    const onTarget = await waitForPhase(h2(), started.id, ["cancelled"]);
    expect(onTarget.endedAt).not.toBeNull();
    expect((await h2().host()).memory.freeMiB).toBe(freeBefore);
  });

  it("during suspension: the source resumes the paused domain", async () => {
    // A warm migration is suspended for its whole transfer.
    const started = await h1().startMigration({
      domain: "c2",
      target: targetUrl(),
      kind: "warm",
      maxBandwidthMiBps: 20,
    });
    await waitForPhase(h1(), started.id, ["suspend"]);
    expect(await copiesOf(cluster, "c2")).toContainEqual({ host: "h1", state: "suspended", flags: "-n---s" });
    expect((await h1().cancel(started.id)).phase).toBe("cancelled");
    expect(await copiesOf(cluster, "c2")).toEqual([{ host: "h1", state: "active", flags: "-n----" }]);
  });

  it("after the end: refused with 409", async () => {
    const started = await h1().startMigration({ domain: "c4", target: targetUrl() });
    expect((await waitForEnd(h1(), started.id)).phase).toBe("completed");
    const error = await rejection(h1().cancel(started.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe("MIGRATION_ENDED");
  });
});

describe("cancel on the target", () => {
  it("is refused with a 409 saying only the source can cancel, and the migration goes on", async () => {
    const started = await h1().startMigration({ domain: "c3", target: targetUrl(), maxBandwidthMiBps: 20 });
    await waitForPhase(h2(), started.id, ["transfer"]);
    const error = await rejection(h2().cancel(started.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe("ONLY_SOURCE_CAN_CANCEL");
    expect(error.message).toContain("only the source can cancel");
    expect((await h1().migration(started.id)).phase).toMatch(/transfer|suspend|handoff|completed/);
    await h1().cancel(started.id);
  });

  it("of an unknown migration is a 404", async () => {
    const error = await rejection(h1().cancel("no-such-migration"));
    expect(error.status).toBe(404);
  });
});
