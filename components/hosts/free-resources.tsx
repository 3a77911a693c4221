import { UsageBar } from "@/components/ui/usage-bar";
import type { HotResources } from "@/lib/dashboard/hot-resources";
import { formatPortRanges } from "@/lib/dashboard/port-ranges";
import type { Host } from "@/lib/schemas/host";
import { formatSizeMiB } from "@/lib/units";
import { Fact, Facts } from "./facts";
import { Panel } from "./panel";

/** What a migration to this host could use: strands and whole cores, memory, console ports. */
export function FreeResources({ host, hot }: { host: Host; hot: HotResources }) {
  const { cpu, memory, console: vcc } = host;
  const largest = Math.max(0, ...memory.freeBlocks.map((block) => block.sizeMiB));
  return (
    <section aria-labelledby="free-resources" className="space-y-3">
      <h2 id="free-resources" className="text-lg font-semibold">
        Free resources
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Panel title="CPU">
          <UsageBar
            label="In use by guests"
            used={cpu.usedStrands}
            total={cpu.strandsTotal}
            unit="strands"
            hot={hot.cpu}
          />
          <Facts>
            <Fact label="Strands free" mono>
              {cpu.strandsFree} of {cpu.strandsTotal}
            </Fact>
            <Fact label="Whole cores free" mono>
              {cpu.coresFree}{" "}
              <span className="font-sans text-slate-600">
                ({cpu.threadsPerCore === 1 ? "1 strand" : `${cpu.threadsPerCore} strands`} each)
              </span>
            </Fact>
            <Fact label="Migrated domains get">{cpu.wholeCores ? "whole cores" : "single strands"}</Fact>
            <Fact label="Generic CPU arch">
              {cpu.genericArch ? "accepted from other CPU types" : "not supported"}
            </Fact>
          </Facts>
        </Panel>
        <Panel title="Memory">
          <UsageBar
            label="Used"
            used={(memory.totalMiB - memory.freeMiB) / 1024}
            total={memory.totalMiB / 1024}
            unit="GiB"
            hot={hot.memory}
          />
          <Facts>
            <Fact label="Free" mono>
              {formatSizeMiB(memory.freeMiB)} of {formatSizeMiB(memory.totalMiB)}
            </Fact>
            <Fact label="Largest free block" mono>
              {formatSizeMiB(largest)}
            </Fact>
            <Fact label="Free blocks" mono>
              {memory.freeBlocks.length}
            </Fact>
          </Facts>
        </Panel>
        <Panel title="Console ports">
          {vcc ? (
            <Facts>
              <Fact label="Concentrator" mono>
                {vcc.name}
              </Fact>
              <Fact label="Port range" mono>
                {vcc.firstPort}-{vcc.lastPort}
              </Fact>
              <Fact label="Free" mono>
                {vcc.freePorts.length} of {vcc.lastPort - vcc.firstPort + 1}
              </Fact>
              <Fact label="Free ports" mono>
                {vcc.freePorts.length > 0 ? (
                  formatPortRanges(vcc.freePorts)
                ) : (
                  <span className="font-sans">none</span>
                )}
              </Fact>
            </Facts>
          ) : (
            <p className="text-sm text-amber-900">
              No console concentrator: no domain can migrate here (<code>NO_CONSOLE_PORT</code>).
            </p>
          )}
        </Panel>
      </div>
    </section>
  );
}
