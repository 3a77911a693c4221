import type { ReactNode } from "react";

/** A titled box of label / value pairs: the shape of each block of a domain's configuration. */
export function FactsPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <h3 className="font-semibold">{title}</h3>
      {children}
    </section>
  );
}

export function Facts({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">{children}</dl>;
}

export function Fact({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className={mono ? "font-mono tabular-nums" : undefined}>{children}</dd>
    </>
  );
}

/** A small table inside a panel; `headers` are column headers, the first cell of each row its header. */
export function FactsTable({
  caption,
  headers,
  rows,
}: {
  caption: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr className="text-left text-slate-600">
            {headers.map((header) => (
              <th key={header} scope="col" className="py-1 pr-4 font-medium whitespace-nowrap">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, cells: [first, ...rest] }) => (
            <tr key={key} className="border-t border-slate-100">
              <th scope="row" className="py-1 pr-4 text-left font-mono font-normal whitespace-nowrap">
                {first}
              </th>
              {rest.map((cell, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed, the index is the column
                <td key={index} className="py-1 pr-4 font-mono whitespace-nowrap">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
