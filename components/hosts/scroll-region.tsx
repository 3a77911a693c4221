import type { ReactNode } from "react";

/**
 * A box that scrolls when its table is wider (or taller) than the screen. It takes keyboard focus,
 * as WCAG asks of scrollable regions, so keyboard users can scroll it with the arrow keys; its
 * label names it when focus lands there.
 */
export function ScrollRegion({
  label,
  labelledBy,
  className = "",
  children,
}: {
  label?: string;
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      aria-labelledby={labelledBy}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      className={`focus-visible:outline-2 focus-visible:outline-sky-700 ${className}`}
    >
      {children}
    </section>
  );
}
