import { describe, expect, it } from "vitest";
import { parseQmpLine } from "./qmp-messages";

// Lines as QEMU 7.2 wrote them.
describe("parseQmpLine", () => {
  it("tells the greeting, answers, errors and events apart", () => {
    const greeting =
      '{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}}, "capabilities": ["oob"]}}';
    expect(parseQmpLine(greeting)).toEqual({ kind: "greeting" });
    expect(parseQmpLine('{"return": {}, "id": "ballast-1"}')).toEqual({
      kind: "return",
      id: "ballast-1",
      value: {},
    });
    expect(
      parseQmpLine(
        '{"id": "ballast-2", "error": {"class": "CommandNotFound", "desc": "The command nope has not been found"}}',
      ),
    ).toEqual({
      kind: "error",
      id: "ballast-2",
      class: "CommandNotFound",
      desc: "The command nope has not been found",
    });
    expect(
      parseQmpLine('{"timestamp": {"seconds": 1796126494, "microseconds": 474536}, "event": "STOP"}'),
    ).toEqual({
      kind: "event",
      event: { event: "STOP", data: {}, timestamp: { seconds: 1796126494, microseconds: 474536 } },
    });
  });

  it("keeps a null return as an answer", () => {
    expect(parseQmpLine('{"return": null, "id": "ballast-3"}')).toMatchObject({
      kind: "return",
      value: null,
    });
  });

  it("reports what is not QMP", () => {
    expect(parseQmpLine("not json")).toEqual({ kind: "malformed", line: "not json" });
    expect(parseQmpLine('{"something": 1}')).toEqual({ kind: "malformed", line: '{"something": 1}' });
  });
});
