import type { MemoryRegion } from "@/lib/schemas/host";
import { formatSizeMiB } from "@/lib/units";
import { ScrollRegion } from "./scroll-region";

/** Every region of the memory map in text, in address order: the picture's accessible twin. */
export function MemoryRegions({ layout }: { layout: MemoryRegion[] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-semibold focus-visible:outline-2">
        All {layout.length} regions, in address order
      </summary>
      <ScrollRegion label="Memory regions" className="mt-2 max-h-80 overflow-y-auto">
        <table className="min-w-full">
          <caption className="sr-only">Physical memory regions</caption>
          <thead className="sticky top-0 bg-slate-100">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Address
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Size
              </th>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Use
              </th>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Domain
              </th>
            </tr>
          </thead>
          <tbody>
            {layout.map((region) => (
              <tr key={region.address} className="border-t border-slate-200">
                <td className="px-2 py-1 font-mono">{region.address}</td>
                <td className="px-2 py-1 text-right font-mono tabular-nums">
                  {formatSizeMiB(region.sizeMiB)}
                </td>
                <td className="px-2 py-1">{region.use}</td>
                <td className="px-2 py-1">{region.domain ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </details>
  );
}
