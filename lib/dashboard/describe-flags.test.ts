import { describe, expect, it } from "vitest";
import { describeFlags, flagsSummary, migrationMark } from "./describe-flags";

describe("describeFlags", () => {
  it("reads the letters by position: an s first is not an s last", () => {
    expect(describeFlags("sn----")).toEqual(["starting or stopping", "normal"]);
    expect(describeFlags("-n---s")).toEqual(["normal", "migration source"]);
  });

  it("names the migration target and delayed reconfiguration", () => {
    expect(describeFlags("--d--t")).toEqual(["delayed reconfiguration pending", "migration target"]);
  });

  it("keeps a letter it does not know", () => {
    expect(describeFlags("-x----")).toEqual(['"x" in position 2']);
  });

  it("says so when nothing is set", () => {
    expect(flagsSummary("------")).toBe("no flags set");
    expect(flagsSummary("-n---e")).toBe("normal, error in the last migration");
  });
});

describe("migrationMark", () => {
  it("reads the 6th character", () => {
    expect(migrationMark("-n---s")).toBe("source");
    expect(migrationMark("-----t")).toBe("target");
    expect(migrationMark("-n---e")).toBe("error");
    expect(migrationMark("-n----")).toBeNull();
  });
});
