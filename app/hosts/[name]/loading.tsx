import { HostDetailSkeleton } from "@/components/hosts/hosts-skeleton";

export default function HostLoading() {
  return <HostDetailSkeleton />;
}
