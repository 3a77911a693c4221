import { describe, expect, it } from "vitest";
import type { MigrationStatus, Phase } from "../schemas/migration";
import { currentWave, type RunIO, STARTING_GRACE_MS, stepRun } from "./step";
import type { Run, RunMove, RunState } from "./types";

/** An in-memory cluster of agents: each started migration advances by one phase per call to `advance`. */
function fakeIO(options: { refuse?: string[]; unreachable?: boolean } = {}) {
  const migrations = new Map<string, MigrationStatus>();
  const started: string[] = [];
  const cancelled: string[] = [];
  let finished: RunState | null = null;
  const io: RunIO = {
    claim: async (move) => move.state === "pending",
    start: async (move) => {
      if (options.refuse?.includes(move.domain)) return { ok: false, error: "1 pre-check(s) failed" };
      started.push(move.domain);
      const status = {
        id: `m-${move.domain}`,
        domain: move.domain,
        phase: "prechecks",
        startedAt: new Date().toISOString(),
        error: null,
      } as unknown as MigrationStatus;
      migrations.set(status.id, status);
      return { ok: true, status };
    },
    status: async (move) => (options.unreachable ? null : (migrations.get(move.migrationId ?? "") ?? null)),
    findStarted: async (move) => [...migrations.values()].find((m) => m.domain === move.domain) ?? null,
    cancel: async (move) => {
      cancelled.push(move.domain);
      const status = migrations.get(move.migrationId ?? "");
      if (status) status.phase = "cancelled";
    },
    updateMove: async () => undefined,
    finishRun: async (_run, state) => {
      finished = state;
    },
  };
  const end = (domain: string, phase: Phase) => {
    const status = migrations.get(`m-${domain}`);
    if (status) status.phase = phase;
  };
  return { io, started, cancelled, end, finished: () => finished };
}

function move(domain: string, wave: number, state: RunMove["state"] = "pending"): RunMove {
  return {
    id: domain,
    domain,
    source: "h1",
    target: "h2",
    kind: "live",
    wave,
    state,
    migrationId: null,
    error: null,
    startedAt: null,
  };
}

function run(moves: RunMove[], state: RunState = "running"): Run {
  return { id: "r1", state, startedBy: "admin", moves };
}

describe("stepRun", () => {
  it("runs the waves in order: the next wave starts only when every move of this one has ended", async () => {
    const fake = fakeIO();
    const plan = run([move("a", 0), move("b", 0), move("c", 1)]);
    await stepRun(plan, fake.io);
    expect(fake.started).toEqual(["a", "b"]);
    fake.end("a", "completed");
    await stepRun(plan, fake.io);
    expect(fake.started).toEqual(["a", "b"]);
    fake.end("b", "completed");
    await stepRun(plan, fake.io);
    expect(fake.started).toEqual(["a", "b", "c"]);
    fake.end("c", "completed");
    await stepRun(plan, fake.io);
    expect(plan.moves.map((m) => m.state)).toEqual(["completed", "completed", "completed"]);
    expect(fake.finished()).toBe("completed");
  });

  it("a refused move fails with the agent's words and the run goes on", async () => {
    const fake = fakeIO({ refuse: ["a"] });
    const plan = run([move("a", 0), move("b", 1)]);
    await stepRun(plan, fake.io);
    expect(plan.moves[0]).toMatchObject({ state: "failed", error: "1 pre-check(s) failed" });
    await stepRun(plan, fake.io);
    expect(fake.started).toEqual(["b"]);
  });

  it("cancelling cancels the running moves at their sources and never starts the pending ones", async () => {
    const fake = fakeIO();
    const plan = run([move("a", 0), move("b", 1)]);
    await stepRun(plan, fake.io);
    plan.state = "cancelling";
    await stepRun(plan, fake.io);
    expect(fake.cancelled).toEqual(["a"]);
    expect(plan.moves.map((m) => m.state)).toEqual(["cancelled", "cancelled"]);
    expect(fake.started).toEqual(["a"]);
    expect(fake.finished()).toBe("cancelled");
  });

  it("waits while a source cannot be asked, and while a hand-off needs an admin", async () => {
    const plan = run([move("a", 0), move("b", 1)]);
    const fake = fakeIO();
    await stepRun(plan, fake.io);
    await stepRun(plan, { ...fake.io, status: async () => null });
    expect(plan.moves[0]?.state).toBe("running");
    fake.end("a", "needs-attention");
    await stepRun(plan, fake.io);
    expect(plan.moves[0]?.state).toBe("needs-attention");
    expect(plan.moves[0]?.error).toMatch(/settle it/);
    expect(fake.started).toEqual(["a"]);
    expect(fake.finished()).toBeNull();
  });

  it("a move claimed by a dashboard that stopped before recording it is adopted, or failed", async () => {
    const fake = fakeIO();
    const stale = new Date(Date.now() - STARTING_GRACE_MS - 1);
    const found = { ...move("a", 0, "starting"), startedAt: stale };
    const lost = { ...move("b", 0, "starting"), startedAt: stale };
    await fake.io.start(move("a", 0));
    const plan = run([found, lost]);
    await stepRun(plan, fake.io);
    expect(found).toMatchObject({ state: "running", migrationId: "m-a" });
    expect(lost.state).toBe("failed");
  });

  it("currentWave is the lowest wave with a move not yet ended", () => {
    expect(currentWave([move("a", 0, "completed"), move("b", 1, "failed"), move("c", 2)])).toBe(2);
    expect(currentWave([move("a", 0, "completed")])).toBeNull();
  });
});
