import { formatPortRanges } from "@/lib/dashboard/port-ranges";
import type { Domain } from "@/lib/schemas/domain";
import { formatSizeMiB } from "@/lib/units";
import { Fact, Facts, FactsPanel, FactsTable } from "./facts";

/** CPU, memory and workload: what the pre-checks weigh and what decides how long a live migration takes. */
export function DomainResources({ domain }: { domain: Domain }) {
  const { workload } = domain;
  return (
    <>
      <FactsPanel title="CPU">
        <Facts>
          <Fact label="VCPUs" mono>
            {domain.vcpus}
          </Fact>
          {/* Consecutive strands read as ranges, as the host page prints free ports. */}
          <Fact label="Strands" mono>
            {domain.strands.length === 0 ? "none bound" : formatPortRanges(domain.strands)}
          </Fact>
          <Fact label="cpu-arch" mono>
            {domain.cpuArch}
          </Fact>
          <Fact label="Utilization" mono>
            {domain.state === "active" ? `${domain.utilization.toFixed(1)}%` : "- (not running)"}
          </Fact>
        </Facts>
      </FactsPanel>
      <FactsPanel title="Memory">
        <Facts>
          <Fact label="Size" mono>
            {formatSizeMiB(domain.memoryMiB)} in {domain.memoryBlocks.length} block
            {domain.memoryBlocks.length === 1 ? "" : "s"}
          </Fact>
        </Facts>
        {domain.memoryBlocks.length > 0 && (
          <FactsTable
            caption={`Memory blocks of ${domain.name}`}
            headers={["Real address", "Physical address", "Size"]}
            rows={domain.memoryBlocks.map((block) => ({
              key: block.realAddress,
              cells: [
                block.realAddress,
                block.physicalAddress ?? "- (not bound)",
                formatSizeMiB(block.sizeMiB),
              ],
            }))}
          />
        )}
      </FactsPanel>
      <FactsPanel title="Workload">
        <Facts>
          <Fact label="CPU used" mono>
            {workload.cpuUsed.toFixed(2)} strands
          </Fact>
          <Fact label="Dirty rate" mono>
            {workload.dirtyRateMiBps.toFixed(1)} MiB/s
          </Fact>
          <Fact label="Working set" mono>
            {formatSizeMiB(Math.round(workload.wwsMiB))} ({workload.pattern} writes)
          </Fact>
        </Facts>
      </FactsPanel>
    </>
  );
}
