import type { TimelineEvent } from "./host-timeline";
import type { Ledger } from "./ledger";

/**
 * What the ledger keeps to undo a group of moves (a domain's affinity group, a host that could not
 * be emptied whole): each touched host's state as it was before the group's first move on it.
 */

export interface SavedHost {
  strandsUsed: number;
  memoryUsed: number;
  cpuUsed: number;
  portsFree: number;
  residents: number;
  finalBlocks: number[] | undefined;
  events: TimelineEvent[];
  perWave: Map<number, number>;
}

export interface Journal {
  hosts: Map<number, SavedHost>;
  anti: Map<string, { rule: number; host: number; count: number | undefined }>;
  /** Domains moved in the group: a domain moves once, so undoing puts it back where it started. */
  domains: number[];
  moves: number;
}

export function saveHost(ledger: Ledger, journal: Journal, h: number): void {
  if (journal.hosts.has(h)) return;
  journal.hosts.set(h, {
    strandsUsed: ledger.strandsUsed[h] ?? 0,
    memoryUsed: ledger.memoryUsed[h] ?? 0,
    cpuUsed: ledger.cpuUsed[h] ?? 0,
    portsFree: ledger.portsFree[h] ?? 0,
    residents: ledger.residents[h] ?? 0,
    finalBlocks: ledger.finalBlocks[h],
    events: [...(ledger.events[h] ?? [])],
    perWave: new Map(ledger.perWave[h]),
  });
}

export function restoreJournal(ledger: Ledger, journal: Journal): void {
  for (const [h, saved] of journal.hosts) {
    ledger.strandsUsed[h] = saved.strandsUsed;
    ledger.memoryUsed[h] = saved.memoryUsed;
    ledger.cpuUsed[h] = saved.cpuUsed;
    ledger.portsFree[h] = saved.portsFree;
    ledger.residents[h] = saved.residents;
    ledger.finalBlocks[h] = saved.finalBlocks;
    ledger.largest[h] = -1;
    ledger.events[h] = saved.events;
    ledger.perWave[h] = saved.perWave;
  }
  for (const saved of journal.anti.values()) {
    const counts = ledger.antiCount[saved.rule];
    if (saved.count === undefined) counts?.delete(saved.host);
    else counts?.set(saved.host, saved.count);
  }
  for (const d of journal.domains) {
    ledger.moved[d] = 0;
    ledger.waveOf[d] = -1;
    ledger.hostOf[d] = ledger.model.initialHost[d] ?? -1;
  }
  ledger.moves.length = journal.moves;
}
