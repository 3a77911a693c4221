import type { z } from "zod";
import { SnapshotError } from "./snapshot-error";
import { checkReferences } from "./snapshot-references";
import { type Snapshot, snapshotSchema } from "./snapshot-schema";

/**
 * The planner's input gate: JSON text or a value in, a validated snapshot out, or a SnapshotError
 * whose message is one line naming the first problem (`domains[3].host: unknown host "h999"`).
 */

export function parseSnapshotJson(text: string): Snapshot {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SnapshotError(
      text.trim() === "" ? "no input: expected a snapshot as JSON" : `not JSON: ${detail}`,
    );
  }
  return parseSnapshot(value);
}

export function parseSnapshot(value: unknown): Snapshot {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SnapshotError("the snapshot must be a JSON object with hosts, domains and policy");
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    const [first, ...rest] = parsed.error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})` : "";
    throw new SnapshotError(`${first ? describeIssue(first) : "invalid snapshot"}${more}`);
  }
  const problem = checkReferences(parsed.data);
  if (problem) throw new SnapshotError(problem);
  return parsed.data;
}

/** `domains[3].cpu.mhz`: the path as a reader would write it in JavaScript. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text === "" ? String(key) : `.${String(key)}`;
  }
  return text === "" ? "snapshot" : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === "invalid_type" && / received undefined$/.test(issue.message)) {
    return `${where}: missing (expected ${issue.expected})`;
  }
  if (issue.code === "invalid_union" && issue.path.length > 0) {
    return `${where}: ${issue.message.replace(/^Invalid input$/, "not a known kind of rule (affinity, anti-affinity, pin, exclude)")}`;
  }
  const message = issue.message.replace(/^Invalid (input|option): /, "");
  return `${where}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`.replace(/[\r\n]+/g, " ");
}
