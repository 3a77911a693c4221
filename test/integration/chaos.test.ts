import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cluster } from "../../cluster/cluster";
import { isFinalPhase } from "../../lib/schemas/migration";
import { domain, scenario, startCluster, waitFor } from "./harness";

/**
 * Many migrations among three agents while agents are SIGKILLed and restarted at random moments.
 * Once everything has settled, every domain runs exactly once and no half-built copy is left.
 * The sequence is seeded, so a failure can be replayed.
 */

const HOSTS = ["h1", "h2", "h3"];
const DOMAINS = Array.from({ length: 12 }, (_, i) => `x${i}`);
let cluster: Cluster;

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

beforeAll(async () => {
  cluster = await startCluster(
    scenario(
      HOSTS.map((name, h) => ({
        name,
        domains: DOMAINS.filter((_, i) => i % HOSTS.length === h).map((d) => domain(d, 512)),
      })),
    ),
  );
});
afterAll(() => cluster?.stop());

async function everyMigrationSettled(): Promise<true | undefined> {
  for (const agent of cluster.agents) {
    const migrations = await agent.client().migrations();
    if (migrations.some((m) => !isFinalPhase(m.phase))) return undefined;
    if ((await agent.client().domains()).some((d) => d.state === "bound" || d.state === "suspended"))
      return undefined;
  }
  return true;
}

describe("agents killed at random during migrations", () => {
  it("ends with every domain running exactly once", async () => {
    const random = prng(Number(process.env.CHAOS_SEED ?? 20261122));
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
    let started = 0;
    let kills = 0;
    for (let step = 0; step < 24; step++) {
      const source = cluster.agent(pick(HOSTS));
      const target = cluster.agent(pick(HOSTS.filter((name) => name !== source.name)));
      if (source.running && target.running) {
        const candidates = (
          await source
            .client()
            .domains()
            .catch(() => [])
        ).filter((d) => d.state === "active" && !d.migration);
        if (candidates.length > 0) {
          const moved = await source
            .client()
            .startMigration({
              domain: pick(candidates).name,
              target: target.config.url,
              maxBandwidthMiBps: 100 + random() * 300,
            })
            .catch(() => undefined);
          if (moved) started++;
        }
      }
      await new Promise((done) => setTimeout(done, 50 + random() * 400));
      if (random() < 0.3) {
        const victim = cluster.agent(pick(HOSTS));
        if (victim.running) {
          await victim.kill();
          kills++;
          await new Promise((done) => setTimeout(done, random() * 500));
          await victim.start();
        }
      }
    }
    expect(started).toBeGreaterThan(5);
    expect(kills).toBeGreaterThan(2);

    await waitFor("every migration to settle", everyMigrationSettled, 90_000);
    const placements = new Map<string, string[]>();
    for (const agent of cluster.agents) {
      for (const d of await agent.client().domains())
        placements.set(d.name, [...(placements.get(d.name) ?? []), `${agent.name}:${d.state}`]);
    }
    for (const name of DOMAINS) expect(placements.get(name), name).toHaveLength(1);
    expect([...placements.values()].flat().every((where) => where.endsWith(":active"))).toBe(true);
    expect([...placements.keys()].sort()).toEqual([...DOMAINS].sort());
  }, 180_000);
});
