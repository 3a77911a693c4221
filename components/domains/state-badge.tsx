import { Badge } from "@/components/ui/badge";
import type { DomainState } from "@/lib/schemas/domain";

const TONE: Record<DomainState, "green" | "sky" | "slate" | "amber"> = {
  active: "green",
  bound: "sky",
  inactive: "slate",
  suspended: "amber",
};

/** The state as a word (the colour only repeats it). */
export function StateBadge({ state }: { state: DomainState }) {
  return <Badge tone={TONE[state]}>{state}</Badge>;
}
