import { describe, expect, it } from "vitest";
import { leavesNoAdmin } from "./last-admin";

describe("the last admin", () => {
  it("cannot be removed or demoted", () => {
    expect(leavesNoAdmin({ role: "admin" }, null, 1)).toBe(true);
    expect(leavesNoAdmin({ role: "admin" }, "operator", 1)).toBe(true);
    expect(leavesNoAdmin({ role: "admin" }, "viewer", 1)).toBe(true);
  });

  it("can be, when another admin remains", () => {
    expect(leavesNoAdmin({ role: "admin" }, null, 2)).toBe(false);
    expect(leavesNoAdmin({ role: "admin" }, "viewer", 2)).toBe(false);
  });

  it("keeps the role admin, and other users come and go freely", () => {
    expect(leavesNoAdmin({ role: "admin" }, "admin", 1)).toBe(false);
    expect(leavesNoAdmin({ role: "operator" }, null, 1)).toBe(false);
    expect(leavesNoAdmin({ role: "viewer" }, "operator", 1)).toBe(false);
  });
});
