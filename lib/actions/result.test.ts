import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AgentHttpError, AgentUnreachableError } from "../agent-client/errors";
import { agentFailure, invalid } from "./result";

describe("action results in words", () => {
  it("names each bad field once", () => {
    const error = z.object({ a: z.string(), b: z.number() }).safeParse({ a: 1, b: "x" }).error as z.ZodError;
    const result = invalid(error);
    expect(result.ok).toBe(false);
    expect(Object.keys(result.ok ? {} : (result.fields ?? {}))).toEqual(["a", "b"]);
  });

  it("says an agent is down, refused the token, or found the domain busy", () => {
    expect(agentFailure(new AgentUnreachableError("x"), "h1")).toMatchObject({
      ok: false,
      error: "h1 is unreachable: the agent did not answer",
    });
    expect(agentFailure(new AgentHttpError(401, "UNAUTHORIZED", "wrong bearer token"), "h1")).toMatchObject({
      error: "h1 rejected the dashboard's token (check Settings)",
    });
    const busy = new AgentHttpError(422, "PRECHECK_FAILED", "1 failed", [
      { code: "DOMAIN_BUSY", ok: false, message: "busy" },
    ]);
    expect(agentFailure(busy, "h1")).toMatchObject({
      error: "the domain is busy: a migration of it is already under way",
    });
    const failed = new AgentHttpError(422, "PRECHECK_FAILED", "2 failed", [
      { code: "SWITCH_MISSING", ok: false, message: "m" },
      { code: "NAME_TAKEN", ok: false, message: "n" },
      { code: "SAME_HOST", ok: true, message: "o" },
    ]);
    const result = agentFailure(failed, "h1");
    expect(result).toMatchObject({ error: "2 pre-check(s) failed" });
    expect(result.ok ? [] : result.checks).toHaveLength(3);
  });
});
