"use client";

import { useLinkStatus } from "next/link";

/**
 * Inside a <Link>: a small spinner while the page it leads to is on its way. The pages have no
 * loading.tsx skeletons (React keeps a fallback on screen for at least 300 ms, longer than most of
 * these pages take), so this is what says a click was taken.
 */
export function LinkPending() {
  const { pending } = useLinkStatus();
  if (!pending) return null;
  return (
    <span
      aria-hidden="true"
      className="ml-1.5 inline-block size-3 rounded-full border-2 border-current border-r-transparent align-[-0.1em] motion-safe:animate-spin"
    />
  );
}
