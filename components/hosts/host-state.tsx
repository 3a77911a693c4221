import { Badge } from "@/components/ui/badge";
import { type HotResources, hotLabel } from "@/lib/dashboard/hot-resources";

/** Reachable or not, and hot and why: in words, so the colour is never the only sign. */
export function HostState({ reachable, hot }: { reachable: boolean; hot: HotResources }) {
  const hotText = hotLabel(hot);
  if (!reachable) return <Badge tone="red">unreachable</Badge>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone="green">reachable</Badge>
      {hotText && <Badge tone="red">{hotText}</Badge>}
    </span>
  );
}
