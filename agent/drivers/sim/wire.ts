import type { PageRun } from "./precopy-engine";

/**
 * Frames of the simulated state transfer between two agents, over one TCP connection:
 * `[u32 length][u8 type][payload]`. Page frames carry the page runs and a payload scaled down from
 * the pages' real size (the `wireScale` of the source), so loopback is not flooded but every byte
 * still crosses a real connection. Everything read is checked: the peer is untrusted input.
 */

export const FrameType = {
  hello: 1,
  ready: 2,
  pages: 3,
  status: 4,
  suspended: 5,
  complete: 6,
  result: 7,
  cancel: 8,
} as const;
export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const MAX_RUNS = 1 << 20;

export interface Frame {
  type: number;
  payload: Buffer;
}

export function encodeJsonFrame(type: FrameTypeCode, value: unknown): Buffer {
  return encodeFrame(type, Buffer.from(JSON.stringify(value)));
}

function encodeFrame(type: FrameTypeCode, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(payload.length + 1, 0);
  header.writeUInt8(type, 4);
  return Buffer.concat([header, payload]);
}

const filler = Buffer.alloc(4 * 1024 * 1024);

export function encodePagesFrame(round: number, runs: PageRun[], wireBytes: number): Buffer {
  const fill = Math.min(Math.max(0, Math.round(wireBytes)), filler.length);
  const body = Buffer.alloc(6 + runs.length * 8);
  body.writeUInt16BE(Math.min(round, 0xffff), 0);
  body.writeUInt32BE(runs.length, 2);
  runs.forEach(([start, count], i) => {
    body.writeUInt32BE(start, 6 + i * 8);
    body.writeUInt32BE(count, 10 + i * 8);
  });
  return encodeFrame(FrameType.pages, Buffer.concat([body, filler.subarray(0, fill)]));
}

export interface PagesFrame {
  round: number;
  runs: PageRun[];
  payloadBytes: number;
}

export function decodePagesFrame(payload: Buffer, totalPages: number): PagesFrame {
  if (payload.length < 6) throw new Error("page frame too short");
  const round = payload.readUInt16BE(0);
  const count = payload.readUInt32BE(2);
  if (count > MAX_RUNS || payload.length < 6 + count * 8)
    throw new Error("page frame run count does not match its length");
  const runs: PageRun[] = [];
  for (let i = 0; i < count; i++) {
    const start = payload.readUInt32BE(6 + i * 8);
    const length = payload.readUInt32BE(10 + i * 8);
    if (length === 0 || start + length > totalPages)
      throw new Error(`page run ${start}+${length} outside guest memory`);
    runs.push([start, length]);
  }
  return { round, runs, payloadBytes: payload.length };
}

export function decodeJson(frame: Frame): unknown {
  return JSON.parse(frame.payload.toString("utf8"));
}

/** Splits a byte stream into frames; throws on a frame that is too large or malformed. */
export class FrameReader {
  private buffered: Buffer[] = [];
  private size = 0;

  push(chunk: Buffer): Frame[] {
    this.buffered.push(chunk);
    this.size += chunk.length;
    const frames: Frame[] = [];
    // Concatenate only once a whole frame is there: big page frames arrive in many small chunks.
    while (this.size >= 4) {
      const head = this.buffered[0] && this.buffered[0].length >= 4 ? this.buffered[0] : this.flatten();
      const length = head.readUInt32BE(0);
      if (length < 1 || length > MAX_FRAME_BYTES) throw new Error(`bad frame length ${length}`);
      if (this.size < 4 + length) break;
      const data = this.flatten();
      frames.push({ type: data.readUInt8(4), payload: data.subarray(5, 4 + length) });
      const rest = data.subarray(4 + length);
      this.buffered = rest.length > 0 ? [rest] : [];
      this.size = rest.length;
    }
    return frames;
  }

  private flatten(): Buffer {
    const data =
      this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered, this.size);
    this.buffered = [data];
    return data;
  }
}
