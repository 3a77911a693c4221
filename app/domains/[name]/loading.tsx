import { DomainDetailSkeleton } from "@/components/domains/domain-skeletons";

export default function DomainLoading() {
  return <DomainDetailSkeleton />;
}
