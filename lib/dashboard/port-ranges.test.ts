import { describe, expect, it } from "vitest";
import { formatPortRanges, portRanges } from "./port-ranges";

describe("portRanges", () => {
  it("merges consecutive ports", () => {
    expect(portRanges([5009, 5010, 5011, 5020])).toEqual([
      { first: 5009, last: 5011 },
      { first: 5020, last: 5020 },
    ]);
  });

  it("ignores input order and duplicates", () => {
    expect(portRanges([5003, 5001, 5002, 5002, 5007])).toEqual([
      { first: 5001, last: 5003 },
      { first: 5007, last: 5007 },
    ]);
  });

  it("gives nothing for no ports", () => {
    expect(portRanges([])).toEqual([]);
  });
});

describe("formatPortRanges", () => {
  it("prints single ports alone and runs as first-last", () => {
    expect(formatPortRanges([5000, 5002, 5003, 5004, 5009, 5010])).toBe("5000, 5002-5004, 5009-5010");
  });

  it("prints one run of many ports as one range", () => {
    const ports = Array.from({ length: 23 }, (_, i) => 5009 + i);
    expect(formatPortRanges(ports)).toBe("5009-5031");
  });

  it("is empty without ports", () => {
    expect(formatPortRanges([])).toBe("");
  });
});
