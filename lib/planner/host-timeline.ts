import type { FreeResources } from "../prechecks/from-snapshot";
import { allocateBlocks } from "./memory-blocks";
import type { Model } from "./model";

/**
 * One host's part of a plan as waves: domains arriving and leaving, each in a wave. An arriving
 * domain holds its resources from its wave on; a leaving one holds them through its wave and gives
 * them back after it. Replaying the events in wave order tells whether every arrival fits when it
 * happens, memory layout included (which depends on the order things come and go).
 */

export interface TimelineEvent {
  wave: number;
  domain: number;
  arrive: boolean;
}

export interface HostStart {
  strandsUsed: number;
  memoryUsed: number;
  portsFree: number;
  blocks: number[] | undefined;
}

export interface Replay {
  /** What the extra arrival met when its turn came (undefined without one). */
  met?: FreeResources;
  /** The free ranges after every event. */
  finalBlocks: number[] | undefined;
}

/**
 * Replays host `h`'s events, with `extra` placed after the events of its wave. Returns null when an
 * arrival would not fit at its turn.
 */
export function replay(
  model: Model,
  h: number,
  start: HostStart,
  events: readonly TimelineEvent[],
  extra?: TimelineEvent,
): Replay | null {
  const host = model.hosts[h];
  if (!host) return null;
  const cap = model.strandCap[h] ?? 0;
  let strands = start.strandsUsed;
  let memory = start.memoryUsed;
  let ports = start.portsFree;
  let blocks = start.blocks;
  let met: FreeResources | undefined;
  // The extra event is read in place (after the events of its wave) rather than copied in.
  const at = extra ? insertionPoint(events, extra.wave) : -1;
  const total = events.length + (extra ? 1 : 0);
  const eventAt = (i: number) => (i === at ? extra : events[at >= 0 && i > at ? i - 1 : i]);
  for (let i = 0; i < total; ) {
    const wave = eventAt(i)?.wave ?? 0;
    let end = i;
    while (end < total && eventAt(end)?.wave === wave) end++;
    for (let k = i; k < end; k++) {
      const event = eventAt(k);
      if (!event?.arrive) continue;
      const d = event.domain;
      const domain = model.domains[d];
      if (!domain) return null;
      if (k === at) {
        met = {
          strands: cap - strands,
          memoryMiB: host.memoryMiB - memory,
          memoryBlocksMiB: blocks,
          consolePorts: ports,
        };
      }
      if (ports < 1) return null;
      ports--;
      if (!model.holds[d]) continue;
      if (strands + domain.vcpus > cap || memory + domain.memoryMiB > host.memoryMiB) return null;
      strands += domain.vcpus;
      memory += domain.memoryMiB;
      if (blocks !== undefined) {
        const left = allocateBlocks(blocks, model.blocks[d] ?? []);
        if (left === null) return null;
        blocks = left;
      }
    }
    for (let k = i; k < end; k++) {
      const event = eventAt(k);
      if (!event || event.arrive) continue;
      const d = event.domain;
      const domain = model.domains[d];
      ports++;
      if (!domain || !model.holds[d]) continue;
      strands -= domain.vcpus;
      memory -= domain.memoryMiB;
      if (blocks !== undefined) blocks = [...blocks, ...(model.blocks[d] ?? [])];
    }
    i = end;
  }
  return { met, finalBlocks: blocks };
}

function insertionPoint(events: readonly TimelineEvent[], wave: number): number {
  let at = events.length;
  while (at > 0 && (events[at - 1]?.wave ?? 0) > wave) at--;
  return at;
}

/** Where an event for `wave` goes in a host's list: after everything of its wave and before. */
export function insertEvent(events: TimelineEvent[], event: TimelineEvent): void {
  events.splice(insertionPoint(events, event.wave), 0, event);
}
