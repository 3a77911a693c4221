"use client";

import { createContext, type ReactNode, useContext } from "react";
import { can, type Permission, type Role } from "@/lib/auth/roles";

/**
 * The signed-in user's role, for client components to hide what it may not do. Hiding is only
 * courtesy: the server actions check the role again (lib/auth/authorize.ts).
 */
const RoleContext = createContext<Role | null>(null);

export function RoleProvider({ role, children }: { role: Role | null; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

export function useCan(permission: Permission): boolean {
  return can(useContext(RoleContext), permission);
}

/** Its children only for a role with the permission. */
export function Can({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? children : null;
}
