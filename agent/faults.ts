/**
 * Crash points for testing the safety rules: `BALLAST_FAULTS=name[,name]` in an agent's environment
 * makes it die (as if SIGKILLed) at that exact step, which no outside timing can hit reliably.
 * Unset in normal use; unknown names are refused at start.
 */

export const FAULTS = {
  /** Source: die once the target holds the whole domain, before asking it to run it (hand-off). */
  "source-crash-after-transfer": "die after the transfer completed, before the hand-off",
  /** Target: die on receiving the source's finish, before running the domain. */
  "target-crash-before-finish": "die on receiving finish, before resuming the domain",
  /** Target: die right after running the domain, before answering the source. */
  "target-crash-after-finish": "die after resuming the domain, before answering finish",
} as const;
export type Fault = keyof typeof FAULTS;

function parseFaults(text: string | undefined): Set<Fault> {
  const names = (text ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(name in FAULTS))
      throw new Error(`unknown fault ${name} in BALLAST_FAULTS (known: ${Object.keys(FAULTS).join(", ")})`);
  }
  return new Set(names as Fault[]);
}

const active = parseFaults(process.env.BALLAST_FAULTS);

/** Dies on the spot when the fault is armed: no cleanup, no shutdown hooks, like SIGKILL. */
export function crashPoint(fault: Fault): void {
  if (active.has(fault)) process.kill(process.pid, "SIGKILL");
}
