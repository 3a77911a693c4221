import { readFile } from "node:fs/promises";

/**
 * One migration's lines in an agent's log file (pino: one JSON object a line, `time` in epoch
 * milliseconds). The agent logs each phase it enters ("migration transfer") and the QEMU driver the
 * end of its transfer ("QEMU sent ...", with QEMU's final rounds and bytes), so the log splits a
 * migration's time finer than its status does, without polling.
 */

export type LogEntry = Record<string, unknown> & { time: number; msg: string };

export interface MigrationLog {
  /** The first line with this message ("migration prepare"; "QEMU sent" for the driver's line). */
  entry(message: string): LogEntry | null;
  /** Its time, epoch ms. */
  at(message: string): number | null;
}

export async function readMigrationLog(logPath: string, migrationId: string): Promise<MigrationLog> {
  const text = await readFile(logPath, "utf8").catch(() => "");
  const entries = new Map<string, LogEntry>();
  for (const line of text.split("\n")) {
    if (!line.includes(migrationId)) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const { time, msg } = entry;
    if (entry.migration !== migrationId || typeof time !== "number" || typeof msg !== "string") continue;
    const key = msg.startsWith("QEMU sent") ? "QEMU sent" : msg;
    if (!entries.has(key)) entries.set(key, { ...entry, time, msg });
  }
  return {
    entry: (message) => entries.get(message) ?? null,
    at: (message) => entries.get(message)?.time ?? null,
  };
}

/** A number field of an entry, or null. */
export function numberField(entry: LogEntry | null, field: string): number | null {
  const value = entry?.[field];
  return typeof value === "number" ? value : null;
}
