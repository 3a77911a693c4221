import { DomainsTableSkeleton } from "@/components/domains/domain-skeletons";

export default function DomainsLoading() {
  return <DomainsTableSkeleton />;
}
