import { join } from "node:path";
import { NamedJsonStore } from "../../storage/named-json-store";
import type { SimDomain } from "./sim-domain";

/**
 * The simulated hypervisor's disk: one file per domain. It outlives the agent process, as a real
 * hypervisor outlives its management agent: a killed and restarted agent finds its guests as they were.
 */
export class SimStore extends NamedJsonStore<SimDomain> {
  constructor(stateDir: string) {
    super(join(stateDir, "sim"));
  }
}
