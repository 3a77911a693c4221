import { describe, expect, it } from "vitest";
import { parseRuleText } from "./rule-text";

describe("parseRuleText", () => {
  it("reads each kind of rule", () => {
    expect(parseRuleText("affinity web01, web02")).toEqual({
      ok: true,
      rule: { kind: "affinity", domains: ["web01", "web02"], note: "" },
    });
    expect(parseRuleText(" anti-affinity db01 db02 ")).toMatchObject({
      ok: true,
      rule: { kind: "anti-affinity" },
    });
    expect(parseRuleText("pin db01 on h1 h2")).toMatchObject({
      ok: true,
      rule: { kind: "pin", domain: "db01", hosts: ["h1", "h2"] },
    });
    expect(parseRuleText("exclude db01")).toMatchObject({
      ok: true,
      rule: { kind: "exclude", domain: "db01" },
    });
  });

  it("says what is wrong with a rule it cannot read", () => {
    expect(parseRuleText("")).toEqual({ ok: false, error: "the rule is empty" });
    expect(parseRuleText("together a b")).toMatchObject({
      ok: false,
      error: expect.stringContaining("unknown rule"),
    });
    expect(parseRuleText("pin db01 h1")).toMatchObject({
      ok: false,
      error: expect.stringContaining("on HOST"),
    });
    expect(parseRuleText("exclude a b")).toMatchObject({
      ok: false,
      error: expect.stringContaining("exclude DOMAIN"),
    });
    expect(parseRuleText("affinity web01")).toMatchObject({
      ok: false,
      error: expect.stringContaining("at least two"),
    });
  });
});
