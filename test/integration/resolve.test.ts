import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import { AgentHttpError } from "../../lib/agent-client/errors";
import { copiesOf, domain, scenario, startCluster, waitFor, waitForEnd, waitForPhase } from "./harness";

/**
 * "Let an admin decide": a hand-off whose outcome is unknown stays needs-attention until the target
 * answers or an admin settles it. Whatever the admin says, one copy runs in the end.
 */

let cluster: Cluster;
const agent = (name: string) => cluster.agent(name);
const h1 = () => agent("h1").client();
const h2 = () => agent("h2").client();

async function strandedMigration(name: string, fault: string): Promise<string> {
  await agent("h2").stop();
  await agent("h2").start(30_000, { BALLAST_FAULTS: fault });
  const started = await h1().startMigration({ domain: name, target: agent("h2").config.url });
  expect((await waitForEnd(h1(), started.id)).phase).toBe("needs-attention");
  await waitFor("the target agent to exit", async () => (agent("h2").running ? undefined : true));
  return started.id;
}

beforeAll(async () => {
  cluster = await startCluster(
    scenario([
      { name: "h1", domains: [domain("r1", 512), domain("r2", 512), domain("r3", 512), domain("r4", 512)] },
      { name: "h2", domains: [] },
    ]),
  );
});
afterAll(() => cluster?.stop());

describe("an admin settles a hand-off while the target is down", () => {
  it("keep source: the domain runs on the source again, and the target's copy goes when it is back", async () => {
    const id = await strandedMigration("r1", "target-crash-before-finish");
    const resolved = await h1().resolve(id, "source");
    expect(resolved.phase).toBe("failed");
    expect(resolved.error).toContain("an admin resumed the domain on h1");
    expect(await copiesOf(cluster, "r1")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);

    await agent("h2").start();
    await waitForPhase(h2(), id, ["failed", "cancelled"]);
    expect(await copiesOf(cluster, "r1")).toEqual([{ host: "h1", state: "active", flags: "-n---e" }]);
  });

  it("keep target: the source's copy is destroyed, and the target runs it when it is back", async () => {
    const id = await strandedMigration("r2", "target-crash-after-finish");
    const resolved = await h1().resolve(id, "target");
    expect(resolved.phase).toBe("completed");
    expect(await copiesOf(cluster, "r2")).toEqual([]);

    await agent("h2").start();
    expect(await copiesOf(cluster, "r2")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });

  it("keep target before the target ran it: the target is told to run it when it is back", async () => {
    const id = await strandedMigration("r4", "target-crash-before-finish");
    expect((await h1().resolve(id, "target")).phase).toBe("completed");
    expect(await copiesOf(cluster, "r4")).toEqual([]);

    await agent("h2").start();
    await waitForPhase(h2(), id, ["completed"]);
    expect(await copiesOf(cluster, "r4")).toEqual([{ host: "h2", state: "active", flags: "-n----" }]);
  });

  it("is refused for a migration that does not need attention", async () => {
    const started = await h1().startMigration({ domain: "r3", target: agent("h2").config.url });
    expect((await waitForEnd(h1(), started.id)).phase).toBe("completed");
    const error = (await h1()
      .resolve(started.id, "source")
      .catch((caught: unknown) => caught)) as AgentHttpError;
    expect(error).toBeInstanceOf(AgentHttpError);
    expect(error.status).toBe(409);
    expect(error.code).toBe("NOTHING_TO_RESOLVE");
  });
});
