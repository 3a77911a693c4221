import { Badge } from "@/components/ui/badge";
import { type HotResources, hotLabel } from "@/lib/dashboard/hot-resources";

/** Reachable or not, hot and why, in maintenance: in words, so the colour is never the only sign. */
export function HostState({
  reachable,
  hot,
  maintenance,
}: {
  reachable: boolean;
  hot: HotResources;
  maintenance: boolean;
}) {
  const hotText = hotLabel(hot);
  return (
    <span className="inline-flex flex-wrap gap-1">
      {reachable ? <Badge tone="green">reachable</Badge> : <Badge tone="red">unreachable</Badge>}
      {reachable && hotText && <Badge tone="red">{hotText}</Badge>}
      {maintenance && <Badge tone="amber">in maintenance</Badge>}
    </span>
  );
}
