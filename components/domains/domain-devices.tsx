import type { Domain } from "@/lib/schemas/domain";
import type { Host } from "@/lib/schemas/host";
import { Fact, Facts, FactsPanel, FactsTable } from "./facts";

/**
 * Networks, disks and the other devices: what must exist under the same name on a target. Disks show
 * the storage their volume refers to here, since a same-named volume on the target must refer to it too.
 */
export function DomainDevices({ domain, host }: { domain: Domain; host: Host | null }) {
  const storage = new Map(host?.volumes.map((volume) => [volume.name, volume.storage]));
  return (
    <>
      <FactsPanel title="Networks">
        {domain.networks.length === 0 ? (
          <p className="text-sm text-slate-600">No network device.</p>
        ) : (
          <FactsTable
            caption={`Network devices of ${domain.name}`}
            headers={["Device", "Switch", "MAC", "Bridge"]}
            rows={domain.networks.map((network) => ({
              key: network.name,
              cells: [network.name, network.switch, network.mac, network.bridge ?? "-"],
            }))}
          />
        )}
      </FactsPanel>
      <FactsPanel title="Disks">
        {domain.disks.length === 0 ? (
          <p className="text-sm text-slate-600">No disk.</p>
        ) : (
          <FactsTable
            caption={`Disks of ${domain.name}`}
            headers={host ? ["Disk", "Volume", "Storage"] : ["Disk", "Volume"]}
            rows={domain.disks.map((disk) => ({
              key: disk.name,
              cells: host
                ? [disk.name, disk.volume, storage.get(disk.volume) ?? "not in this host's volume table"]
                : [disk.name, disk.volume],
            }))}
          />
        )}
      </FactsPanel>
      <FactsPanel title="Other devices">
        <Facts>
          {/* Each of these blocks a migration on its own: say "none" rather than leave a gap. */}
          <Fact label="Direct I/O" mono>
            {domain.directIO.length === 0 ? "none" : domain.directIO.join(", ")}
          </Fact>
          <Fact label="Crypto units" mono>
            {domain.cryptoUnits}
          </Fact>
          <Fact label="Delayed reconfiguration">{domain.delayedReconfig ? "pending" : "none"}</Fact>
          <Fact label="Console port" mono>
            {domain.consolePort ?? "none"}
          </Fact>
        </Facts>
      </FactsPanel>
    </>
  );
}
