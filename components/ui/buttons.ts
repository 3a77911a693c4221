/** Button looks shared by the dashboard (focus ring always visible for keyboard users). */

const base =
  "inline-flex items-center justify-center rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 disabled:cursor-not-allowed aria-disabled:cursor-wait aria-disabled:opacity-70";

export const primaryButton = `${base} bg-sky-700 text-white hover:bg-sky-800 disabled:bg-slate-400`;
export const secondaryButton = `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400`;
export const dangerButton = `${base} bg-red-700 text-white hover:bg-red-800 disabled:bg-slate-400`;
export const dangerOutlineButton = `${base} border border-red-300 bg-white text-red-800 hover:bg-red-50 disabled:text-slate-400`;
