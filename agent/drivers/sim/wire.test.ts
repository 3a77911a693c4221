import { describe, expect, it } from "vitest";
import {
  decodeJson,
  decodePagesFrame,
  encodeJsonFrame,
  encodePagesFrame,
  type Frame,
  FrameReader,
  FrameType,
  MAX_FRAME_BYTES,
} from "./wire";

function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function header(length: number, type = FrameType.pages): Buffer {
  const buffer = Buffer.alloc(5);
  buffer.writeUInt32BE(length, 0);
  buffer.writeUInt8(type, 4);
  return buffer;
}

function pagesPayload(round: number, runs: [number, number][]): Buffer {
  const body = Buffer.alloc(6 + runs.length * 8);
  body.writeUInt16BE(round, 0);
  body.writeUInt32BE(runs.length, 2);
  runs.forEach(([start, count], i) => {
    body.writeUInt32BE(start, 6 + i * 8);
    body.writeUInt32BE(count, 10 + i * 8);
  });
  return body;
}

describe("page frames", () => {
  it("round-trip their round and runs, with the scaled filler as payload", () => {
    const encoded = encodePagesFrame(
      3,
      [
        [0, 10],
        [100, 5],
      ],
      1000.4,
    );
    const [frame] = new FrameReader().push(encoded);
    expect(frame?.type).toBe(FrameType.pages);
    expect(encoded.readUInt32BE(0)).toBe(encoded.length - 4);
    const decoded = decodePagesFrame((frame as Frame).payload, 105);
    expect(decoded).toEqual({
      round: 3,
      runs: [
        [0, 10],
        [100, 5],
      ],
      payloadBytes: 6 + 16 + 1000,
    });
  });

  it("caps the filler at 4 MiB and the round at 65535", () => {
    const encoded = encodePagesFrame(70_000, [[0, 1]], 1e12);
    const payload = encoded.subarray(5);
    expect(payload.length).toBe(6 + 8 + 4 * 1024 * 1024);
    expect(decodePagesFrame(payload, 1).round).toBe(0xffff);
    expect(encodePagesFrame(1, [], -5).length).toBe(5 + 6);
  });

  it("rejects runs outside guest memory", () => {
    expect(() => decodePagesFrame(pagesPayload(1, [[10, 5]]), 12)).toThrow(
      "page run 10+5 outside guest memory",
    );
    expect(() => decodePagesFrame(pagesPayload(1, [[0, 0]]), 12)).toThrow(
      "page run 0+0 outside guest memory",
    );
    expect(() => decodePagesFrame(pagesPayload(1, [[0xffffffff, 1]]), 12)).toThrow(/outside guest memory/);
    expect(decodePagesFrame(pagesPayload(1, [[10, 2]]), 12).runs).toEqual([[10, 2]]);
  });

  it("rejects frames too short for their run count", () => {
    expect(() => decodePagesFrame(Buffer.alloc(5), 10)).toThrow("page frame too short");
    const lying = pagesPayload(1, [[0, 1]]);
    lying.writeUInt32BE(2, 2);
    expect(() => decodePagesFrame(lying, 10)).toThrow("page frame run count does not match its length");
    const huge = pagesPayload(1, []);
    huge.writeUInt32BE(0xffffffff, 2);
    expect(() => decodePagesFrame(huge, 10)).toThrow(/run count/);
  });
});

describe("JSON frames", () => {
  it("round-trip", () => {
    const [frame] = new FrameReader().push(encodeJsonFrame(FrameType.status, { round: 2, note: "é" }));
    expect(frame?.type).toBe(FrameType.status);
    expect(decodeJson(frame as Frame)).toEqual({ round: 2, note: "é" });
  });
});

describe("FrameReader", () => {
  const frames = [
    encodeJsonFrame(FrameType.hello, { migrationId: "m1", secret: "s" }),
    encodePagesFrame(1, [[0, 64]], 3000),
    encodeJsonFrame(FrameType.suspended, {}),
    encodePagesFrame(
      2,
      [
        [5, 1],
        [9, 3],
      ],
      0,
    ),
    encodeJsonFrame(FrameType.complete, { rounds: 2 }),
  ];
  const stream = Buffer.concat(frames);

  function expectFrames(got: Frame[]): void {
    expect(got.map((frame) => frame.type)).toEqual([1, 3, 5, 3, 6]);
    got.forEach((frame, i) => {
      expect(Buffer.compare(frame.payload, (frames[i] as Buffer).subarray(5))).toBe(0);
    });
  }

  it("reads several frames from one chunk", () => {
    expectFrames(new FrameReader().push(stream));
  });

  it("reads a byte at a time", () => {
    const reader = new FrameReader();
    const got: Frame[] = [];
    for (let i = 0; i < stream.length; i++) got.push(...reader.push(stream.subarray(i, i + 1)));
    expectFrames(got);
  });

  it("reads across arbitrary chunk splits, including inside the length", () => {
    const random = prng(99);
    for (let trial = 0; trial < 200; trial++) {
      const reader = new FrameReader();
      const got: Frame[] = [];
      let offset = 0;
      while (offset < stream.length) {
        const size = 1 + Math.floor(random() * random() * 200);
        got.push(...reader.push(stream.subarray(offset, offset + size)));
        offset += size;
      }
      expectFrames(got);
    }
  });

  it("waits for the rest of a frame", () => {
    const reader = new FrameReader();
    const frame = frames[1] as Buffer;
    expect(reader.push(frame.subarray(0, 2))).toEqual([]);
    expect(reader.push(frame.subarray(2, 20))).toEqual([]);
    expect(reader.push(frame.subarray(20))).toHaveLength(1);
  });

  it("rejects a length over MAX_FRAME_BYTES before the frame arrives", () => {
    expect(() => new FrameReader().push(header(MAX_FRAME_BYTES + 1))).toThrow(
      `bad frame length ${MAX_FRAME_BYTES + 1}`,
    );
    const reader = new FrameReader();
    reader.push(header(MAX_FRAME_BYTES + 1).subarray(0, 3));
    expect(() => reader.push(header(MAX_FRAME_BYTES + 1).subarray(3))).toThrow(/bad frame length/);
  });

  it("accepts a length of exactly MAX_FRAME_BYTES (and waits for it), rejects 0", () => {
    expect(new FrameReader().push(header(MAX_FRAME_BYTES))).toEqual([]);
    expect(() => new FrameReader().push(header(0))).toThrow("bad frame length 0");
  });
});
