import type { Host } from "@/lib/schemas/host";
import { Panel } from "./panel";

/**
 * What a migrating domain needs to find here under the same names: virtual switches, NICs,
 * volumes pointing at the same storage, and the storage pools behind them.
 */
export function HostIo({ host }: { host: Host }) {
  return (
    <section aria-labelledby="network-storage" className="space-y-3">
      <h2 id="network-storage" className="text-lg font-semibold">
        Network and storage
      </h2>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-4">
        <Panel title="Virtual switches">
          <PairTable
            caption="Virtual switches and the NIC each is bridged over"
            headers={["Switch", "NIC"]}
            rows={host.switches.map((vsw) => [vsw.name, vsw.nic ?? "none"])}
          />
        </Panel>
        <Panel title="Physical NICs">
          <NameList names={host.nics} />
        </Panel>
        <Panel title="Volumes">
          <PairTable
            caption="Volumes and the storage each refers to"
            headers={["Volume", "Storage"]}
            rows={host.volumes.map((volume) => [volume.name, volume.storage])}
          />
        </Panel>
        <Panel title="Storage pools">
          <NameList names={host.storage} />
        </Panel>
      </div>
    </section>
  );
}

function NameList({ names }: { names: string[] }) {
  if (names.length === 0) return <p className="text-sm text-slate-600">None</p>;
  return (
    <ul className="space-y-1 font-mono text-sm">
      {names.map((name) => (
        <li key={name} className="break-all">
          {name}
        </li>
      ))}
    </ul>
  );
}

function PairTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: [string, string];
  rows: [string, string][];
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">None</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="text-slate-600">
          {headers.map((header) => (
            <th key={header} scope="col" className="pb-1 text-left font-medium">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="font-mono">
        {rows.map(([name, value]) => (
          <tr key={name} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-3 text-left font-normal break-all">
              {name}
            </th>
            <td className="py-1 break-all">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
