import { describe, expect, it } from "vitest";
import { formatUptime } from "./format-uptime";

describe("formatUptime", () => {
  it("keeps the two largest units", () => {
    expect(formatUptime(3 * 86_400 + 4 * 3_600 + 5 * 60 + 6)).toBe("3d 4h");
    expect(formatUptime(2 * 3_600 + 24 * 60 + 10)).toBe("2h 24m");
    expect(formatUptime(5 * 60 + 3)).toBe("5m 3s");
    expect(formatUptime(12)).toBe("12s");
  });

  it("keeps a zero in the second unit so the size stays readable", () => {
    expect(formatUptime(86_400 + 59)).toBe("1d 0h");
    expect(formatUptime(3_600)).toBe("1h 0m");
  });

  it("drops fractions of a second", () => {
    expect(formatUptime(59.9)).toBe("59s");
    expect(formatUptime(0.4)).toBe("0s");
  });

  it("prints a dash for a domain that is not running", () => {
    expect(formatUptime(null)).toBe("-");
    expect(formatUptime(-1)).toBe("-");
  });
});
