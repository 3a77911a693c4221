"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Toaster } from "sonner";
import type { Role } from "@/lib/auth/roles";
import { RoleProvider } from "./auth/role-context";

export function Providers({ role, children }: { role: Role | null; children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1 } } }),
  );
  // Toasts outlive the component that raised them: a cancelled migration leaves the active list at
  // once, and its confirmation must still be read.
  return (
    <QueryClientProvider client={client}>
      <RoleProvider role={role}>{children}</RoleProvider>
      <Toaster position="bottom-right" richColors closeButton />
    </QueryClientProvider>
  );
}
