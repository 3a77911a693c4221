import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, ADDRESS_RULE, type Attempt, lockedForSeconds } from "./sign-in-limit";

const NOW = new Date("2026-12-01T12:00:00Z");
const ago = (seconds: number, ok = false): Attempt => ({ at: new Date(NOW.getTime() - seconds * 1000), ok });
const failures = (count: number, firstAgo: number, step = 1) =>
  Array.from({ length: count }, (_, i) => ago(firstAgo - i * step));

describe("sign-in lockout per account", () => {
  it("allows attempts below the limit", () => {
    expect(lockedForSeconds([], ACCOUNT_RULE, NOW)).toBe(0);
    expect(lockedForSeconds(failures(4, 10), ACCOUNT_RULE, NOW)).toBe(0);
  });

  it("locks at the fifth failure until the oldest one leaves the window", () => {
    // Failures 100, 99, 98, 97, 96 s ago: the oldest leaves the 300 s window in 200 s.
    expect(lockedForSeconds(failures(5, 100), ACCOUNT_RULE, NOW)).toBe(200);
  });

  it("with more failures than the limit, waits until only four remain", () => {
    // 7 failures, 100..94 s ago: allowed again when the third oldest (98 s ago) leaves.
    expect(lockedForSeconds(failures(7, 100), ACCOUNT_RULE, NOW)).toBe(202);
  });

  it("forgets failures older than the window", () => {
    expect(lockedForSeconds(failures(5, 400), ACCOUNT_RULE, NOW)).toBe(0);
    expect(lockedForSeconds([...failures(3, 400), ...failures(4, 10)], ACCOUNT_RULE, NOW)).toBe(0);
  });

  it("is cleared by a success: the owner got in", () => {
    const attempts = [...failures(4, 100), ago(50, true), ...failures(4, 40)];
    expect(lockedForSeconds(attempts, ACCOUNT_RULE, NOW)).toBe(0);
    expect(lockedForSeconds([...attempts, ago(1)], ACCOUNT_RULE, NOW)).toBe(260);
  });

  it("says at least one second, never zero, while locked", () => {
    expect(lockedForSeconds(failures(5, 299.9, 0.1), ACCOUNT_RULE, NOW)).toBe(1);
  });
});

describe("sign-in lockout per address", () => {
  it("locks at the twentieth failure, whichever accounts were tried", () => {
    expect(lockedForSeconds(failures(19, 60), ADDRESS_RULE, NOW)).toBe(0);
    expect(lockedForSeconds(failures(20, 60), ADDRESS_RULE, NOW)).toBe(240);
  });

  it("is not cleared by somebody's success from the same address", () => {
    const attempts = [...failures(10, 100), ago(80, true), ...failures(10, 70)];
    expect(lockedForSeconds(attempts, ADDRESS_RULE, NOW)).toBe(200);
  });
});
