import { describe, expect, it } from "vitest";
import { cancelRequestSchema, migrationRequestSchema } from "./migration";

describe("the migrate dialog's input", () => {
  const base = { domain: "web01", source: "h1", target: "h6" };

  it("takes a plain request and defaults the kind to auto", () => {
    expect(migrationRequestSchema.parse(base)).toEqual({ ...base, kind: "auto" });
  });

  it("reads the form's text fields: empty means not given, numbers are parsed", () => {
    const parsed = migrationRequestSchema.parse({
      ...base,
      targetName: "",
      maxBandwidthMiBps: "40",
      downtimeLimitMs: "",
    });
    expect(parsed.targetName).toBeUndefined();
    expect(parsed.maxBandwidthMiBps).toBe(40);
    expect(parsed.downtimeLimitMs).toBeUndefined();
  });

  it.each([
    [{ target: "h1" }, "target", "pick a target other than the source"],
    [{ maxBandwidthMiBps: "fast" }, "maxBandwidthMiBps", "bandwidth must be a number"],
    [{ maxBandwidthMiBps: "-3" }, "maxBandwidthMiBps", "bandwidth must be above 0"],
    [{ downtimeLimitMs: "0" }, "downtimeLimitMs", "downtime limit must be above 0"],
    [{ kind: "teleport" }, "kind", ""],
    [{ domain: "../x" }, "domain", ""],
    [{ targetName: "bad name!" }, "targetName", ""],
    [{ source: "" }, "source", "pick a host"],
  ])("refuses %o, naming %s", (change, field, message) => {
    const parsed = migrationRequestSchema.safeParse({ ...base, ...change });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path[0] === field);
    expect(issue).toBeDefined();
    if (message) expect(issue?.message).toBe(message);
  });

  it("refuses fields it does not know (nothing unexpected reaches an agent)", () => {
    expect(migrationRequestSchema.safeParse({ ...base, token: "x" }).success).toBe(false);
  });

  it("takes a cancel with an id and a source host", () => {
    expect(cancelRequestSchema.safeParse({ id: "abc", source: "h1" }).success).toBe(true);
    expect(cancelRequestSchema.safeParse({ id: "", source: "h1" }).success).toBe(false);
  });
});
