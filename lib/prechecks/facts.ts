import type { MigrationKind } from "../schemas/migration";

/**
 * What the pre-checks look at, independent of where it came from: an agent fills these from its
 * hypervisor and its peer, the planner from a cluster snapshot. A fact left undefined is one the
 * caller cannot know, and the checks that need it are not evaluated (rather than guessed).
 */

export interface HostFacts {
  name: string;
  /** "kind version", e.g. "ldoms 3.6". */
  hypervisor?: string;
  subnet?: string | null;
  cpu: {
    model: string;
    mhz: number;
    freeStrands: number;
    threadsPerCore?: number;
    freeCores?: number;
    wholeCores?: boolean;
    genericArch?: boolean;
  };
  memory: {
    freeMiB: number;
    /** Free contiguous ranges; undefined when the layout is not known or does not matter. */
    freeBlocksMiB?: number[];
  };
  switches: string[];
  nics?: string[];
  /** Volume name -> the storage it refers to. */
  volumes: Record<string, string>;
  /** Storage pools this host reaches. */
  storage?: string[];
  freeConsolePorts?: number;
  macsInUse?: string[];
  domainNames?: string[];
  delayedReconfig?: boolean;
}

export interface DomainFacts {
  name: string;
  state: "active" | "bound" | "inactive" | "suspended";
  vcpus: number;
  memoryMiB: number;
  memoryBlocks?: { sizeMiB: number; realAddress?: string }[];
  cpuArch: "native" | "generic";
  switches: string[];
  /** Physical NICs its virtual NICs are bridged over. */
  bridges?: string[];
  volumes: string[];
  macs?: string[];
  directIO: string[];
  cryptoUnits: number;
  delayedReconfig?: boolean;
  /** Why the domain is busy (e.g. "migration 1a2b in phase transfer"), or null when it is free. */
  busy?: string | null;
}

/** How the source's handshake with the target went; absent where no agents are involved. */
export type Reachability =
  | { status: "ok" }
  | { status: "unreachable"; message: string }
  | { status: "auth-failed"; message: string }
  | { status: "not-allowed"; message: string };

export interface PrecheckInput {
  source: HostFacts;
  /** Null when the target could not be asked. */
  target: HostFacts | null;
  domain: DomainFacts;
  /** The name the domain will have on the target (rename), defaults to its own. */
  targetName?: string;
  kind?: MigrationKind;
  reach?: Reachability;
}
