import {
  describeMemoryUse,
  freeBlocksLargestFirst,
  type MemorySegment,
  memoryMapRowCount,
  memoryMapRows,
  memoryUse,
} from "@/lib/dashboard/memory-map";
import type { Host, MemoryRegion } from "@/lib/schemas/host";
import { formatSizeMiB } from "@/lib/units";
import { MemoryRegions } from "./memory-regions";

/**
 * The physical memory layout as a picture, so fragmentation shows: 6G free as one block can take
 * a 4G domain, 6G free as six 1G blocks cannot (MEMORY_LAYOUT_INCOMPATIBLE). Every region is also
 * listed in text below, for screen readers and for exact addresses.
 */

type Use = MemoryRegion["use"];

// Reserved memory is striped as well as grey, so the three uses differ without colour too.
const STRIPES = "repeating-linear-gradient(135deg, transparent 0 4px, rgb(255 255 255 / 0.35) 4px 8px)";

export const USE_STYLE: Record<Use, { className: string; stripes?: boolean; label: string }> = {
  free: { className: "bg-emerald-300 text-emerald-950", label: "free" },
  domain: { className: "bg-sky-700 text-white", label: "domain" },
  reserved: { className: "bg-slate-500 text-white", stripes: true, label: "reserved" },
};

/** A piece narrower than this share of its row gets no text inside: it would not fit. */
const LABEL_SHARE = 0.08;

export function regionText(region: MemoryRegion): string {
  const owner = region.use === "domain" && region.domain ? ` (${region.domain})` : "";
  return `${region.address}: ${formatSizeMiB(region.sizeMiB)} ${USE_STYLE[region.use].label}${owner}`;
}

export function MemoryMap({ memory }: { memory: Host["memory"] }) {
  const layout = memory.layout;
  const use = memoryUse(layout);
  const rows = memoryMapRows(layout, memoryMapRowCount(layout.length));
  const summary = describeMemoryUse(use, layout.length);
  const blocks = freeBlocksLargestFirst(memory.freeBlocks);
  return (
    <section aria-labelledby="memory-layout" className="space-y-3">
      <h2 id="memory-layout" className="text-lg font-semibold">
        Memory layout
      </h2>
      {layout.length === 0 ? (
        <p className="text-sm text-slate-600">The agent reports no memory layout.</p>
      ) : (
        <div className="space-y-3 rounded border border-slate-200 bg-white p-4">
          <p className="text-sm">{summary}</p>
          {/* One image to assistive technology; the region list below says it region by region. */}
          <div role="img" aria-label={`Memory map, low addresses first: ${summary}`} className="space-y-1">
            {rows.map((row, rowIndex) => (
              // Rows are positions in the address space: their index is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <div key={rowIndex} className="flex h-8 gap-px overflow-hidden rounded bg-white">
                {row.map((segment) => (
                  <Segment key={segment.index} segment={segment} />
                ))}
              </div>
            ))}
          </div>
          <Legend />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
            <FreeBlocks blocks={blocks} />
            <MemoryRegions layout={layout} />
          </div>
        </div>
      )}
    </section>
  );
}

function Segment({ segment }: { segment: MemorySegment }) {
  const { region, share } = segment;
  const style = USE_STYLE[region.use];
  const text = region.use === "domain" ? (region.domain ?? "domain") : style.label;
  return (
    <div
      title={regionText(region)}
      className={`flex min-w-0.5 items-center overflow-hidden ${style.className}`}
      style={{ flexGrow: share, flexBasis: 0, backgroundImage: style.stripes ? STRIPES : undefined }}
    >
      {share >= LABEL_SHARE && <span className="truncate px-1 text-xs">{text}</span>}
    </div>
  );
}

function Legend() {
  return (
    <ul className="flex flex-wrap gap-4 text-xs text-slate-700" aria-label="Legend">
      {(Object.keys(USE_STYLE) as Use[]).map((use) => (
        <li key={use} className="inline-flex items-center gap-1">
          <span
            aria-hidden="true"
            className={`inline-block h-3 w-5 rounded-sm ${USE_STYLE[use].className}`}
            style={{ backgroundImage: USE_STYLE[use].stripes ? STRIPES : undefined }}
          />
          {USE_STYLE[use].label}
        </li>
      ))}
    </ul>
  );
}

function FreeBlocks({ blocks }: { blocks: MemoryRegion[] }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold">Free blocks, largest first</h3>
      {blocks.length === 0 ? (
        <p className="text-sm text-slate-600">No free memory.</p>
      ) : (
        <ol className="space-y-1 text-sm">
          {blocks.map((block) => (
            <li key={block.address} className="font-mono tabular-nums">
              <span className="inline-block w-16 text-right">{formatSizeMiB(block.sizeMiB)}</span>
              <span className="font-sans text-slate-600"> at </span>
              {block.address}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
