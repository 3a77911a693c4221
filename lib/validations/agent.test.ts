import { describe, expect, it } from "vitest";
import { addAgentSchema, agentNameSchema, normalizeAgentUrl, updateAgentSchema } from "./agent";

const TOKEN = "0123456789abcdef";

function firstError(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const issue = result.error?.issues[0];
  return issue ? { path: issue.path.join("."), message: issue.message } : null;
}

describe("agent name", () => {
  it.each(["host1", "h", "ldom-host.example", "a_b", "1host", "x".repeat(63)])("accepts %s", (name) => {
    expect(agentNameSchema.parse(name)).toBe(name);
  });

  it("trims surrounding spaces", () => {
    expect(agentNameSchema.parse("  host1 ")).toBe("host1");
  });

  it.each([
    ["", "enter a name"],
    ["x".repeat(64), "the name must be at most 63 characters"],
    ["-host", "use letters, digits"],
    [".host", "use letters, digits"],
    ["host 1", "use letters, digits"],
    ["höst", "use letters, digits"],
    ["host/1", "use letters, digits"],
  ])("refuses %j", (name, message) => {
    const result = agentNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe("agent URL", () => {
  it.each([
    ["http://host1:7000", "http://host1:7000"],
    ["http://host1:7000/", "http://host1:7000"],
    ["HTTP://Host1:7000//", "http://host1:7000"],
    ["https://host1.example/agent/", "https://host1.example/agent"],
    ["http://host1:80/", "http://host1"],
    ["https://127.0.0.1:8443", "https://127.0.0.1:8443"],
    ["http://[::1]:7000/", "http://[::1]:7000"],
  ])("normalizes %s to %s", (input, url) => {
    expect(normalizeAgentUrl(input)).toEqual({ ok: true, url });
  });

  it.each([
    ["host1:7000", "http:// or https://"],
    ["not a url", "enter a full URL"],
    ["ftp://host1", "http:// or https://"],
    ["javascript:alert(1)", "http:// or https://"],
    ["http://admin:secret@host1:7000", "leave user and password out"],
    ["http://host1:7000/?token=x", "leave the query"],
    ["http://host1:7000/#x", "leave the query"],
  ])("refuses %s", (input, message) => {
    const result = normalizeAgentUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it("never repeats credentials found in the URL", () => {
    const result = addAgentSchema.safeParse({ name: "h", url: "http://u:hunter2hunter2@h", token: TOKEN });
    expect(JSON.stringify(result.error?.issues)).not.toContain("hunter2");
  });
});

describe("addAgentSchema", () => {
  it("parses a complete agent, URL normalized and fields trimmed", () => {
    expect(
      addAgentSchema.parse({ name: " host1", url: " http://host1:7000/ ", token: ` ${TOKEN} ` }),
    ).toEqual({
      name: "host1",
      url: "http://host1:7000",
      token: TOKEN,
    });
  });

  it("needs a token of 16 characters or more", () => {
    const short = addAgentSchema.safeParse({ name: "host1", url: "http://host1", token: "short" });
    expect(firstError(short)).toEqual({ path: "token", message: "the token must be at least 16 characters" });
    const empty = addAgentSchema.safeParse({ name: "host1", url: "http://host1", token: "" });
    expect(firstError(empty)).toEqual({ path: "token", message: "enter the agent's token" });
  });

  it("refuses a token that cannot travel in a header", () => {
    const result = addAgentSchema.safeParse({ name: "host1", url: "http://host1", token: `${TOKEN}\nX: y` });
    expect(firstError(result)?.path).toBe("token");
  });

  it("never puts the token in its messages", () => {
    const secret = "my-secret-token-é-that-is-long";
    const result = addAgentSchema.safeParse({ name: "-", url: "nope", token: secret });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain("my-secret-token");
  });

  it("reports every wrong field at once, by field", () => {
    const result = addAgentSchema.safeParse({ name: "", url: "", token: "" });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name", "url", "token"]);
  });

  it("refuses values that are not text (a file from a form)", () => {
    expect(addAgentSchema.safeParse({ name: new Blob(["x"]), url: "http://h", token: TOKEN }).success).toBe(
      false,
    );
  });
});

describe("updateAgentSchema", () => {
  const base = { id: "ckagent1", name: "host1", url: "http://host1:7000/" };

  it("an empty token keeps the current one (undefined)", () => {
    expect(updateAgentSchema.parse({ ...base, token: "" })).toEqual({
      id: "ckagent1",
      name: "host1",
      url: "http://host1:7000",
      token: undefined,
    });
    expect(updateAgentSchema.parse({ ...base, token: "   " }).token).toBeUndefined();
    expect(updateAgentSchema.parse(base).token).toBeUndefined();
  });

  it("a new token replaces it, and must be long enough", () => {
    expect(updateAgentSchema.parse({ ...base, token: TOKEN }).token).toBe(TOKEN);
    const result = updateAgentSchema.safeParse({ ...base, token: "short" });
    expect(firstError(result)).toEqual({
      path: "token",
      message: "the token must be at least 16 characters",
    });
  });

  it("needs the agent's id", () => {
    const result = updateAgentSchema.safeParse({ ...base, id: "", token: "" });
    expect(firstError(result)).toEqual({ path: "id", message: "missing agent id" });
    expect(updateAgentSchema.safeParse({ name: "host1", url: "http://h" }).success).toBe(false);
  });
});
