import { z } from "zod";

/** The kinds of line QEMU writes on a QMP socket, parsed so that the client relies on checked shapes. */

const timestampSchema = z.object({ seconds: z.number(), microseconds: z.number() });

const greetingSchema = z.object({ QMP: z.object({}).loose() });
const returnSchema = z.object({ return: z.unknown(), id: z.string().optional() });
const errorSchema = z.object({
  error: z.object({ class: z.string(), desc: z.string() }),
  id: z.string().optional(),
});
const eventSchema = z.object({ event: z.string(), data: z.unknown().optional(), timestamp: timestampSchema });

export interface QmpEvent {
  event: string;
  data: unknown;
  timestamp: z.infer<typeof timestampSchema>;
}

export type QmpMessage =
  | { kind: "greeting" }
  | { kind: "return"; id: string | undefined; value: unknown }
  | { kind: "error"; id: string | undefined; class: string; desc: string }
  | { kind: "event"; event: QmpEvent }
  | { kind: "malformed"; line: string };

export function parseQmpLine(line: string): QmpMessage {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { kind: "malformed", line };
  }
  const answer = returnSchema.safeParse(json);
  if (answer.success && "return" in (json as object)) {
    return { kind: "return", id: answer.data.id, value: answer.data.return };
  }
  const error = errorSchema.safeParse(json);
  if (error.success) return { kind: "error", id: error.data.id, ...error.data.error };
  const event = eventSchema.safeParse(json);
  if (event.success) {
    const { event: name, data, timestamp } = event.data;
    return { kind: "event", event: { event: name, data: data ?? {}, timestamp } };
  }
  if (greetingSchema.safeParse(json).success) return { kind: "greeting" };
  return { kind: "malformed", line };
}
