import { HostsTableSkeleton } from "@/components/hosts/hosts-skeleton";

export default function HostsLoading() {
  return <HostsTableSkeleton />;
}
