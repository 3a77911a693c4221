import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, type Permission, ROLES } from "./roles";

const CHANGES: Permission[] = PERMISSIONS.filter((permission) => permission !== "view");

describe("the permission table", () => {
  it("lets every role see everything", () => {
    for (const role of ROLES) expect(can(role, "view"), role).toBe(true);
  });

  it("lets a viewer change nothing", () => {
    for (const permission of CHANGES) expect(can("viewer", permission), permission).toBe(false);
  });

  it("lets an operator migrate, cancel, apply plans and set maintenance, and nothing of the admin's", () => {
    for (const permission of ["migrate", "cancel-migration", "apply-plan", "maintenance"] as const)
      expect(can("operator", permission), permission).toBe(true);
    for (const permission of ["manage-agents", "manage-settings", "manage-users", "read-audit"] as const)
      expect(can("operator", permission), permission).toBe(false);
  });

  it("lets an admin do everything", () => {
    for (const permission of PERMISSIONS) expect(can("admin", permission), permission).toBe(true);
  });

  it("gives nothing to a missing or unknown role", () => {
    for (const role of [null, undefined, "", "user", "Admin", "root"])
      for (const permission of PERMISSIONS) expect(can(role, permission)).toBe(false);
  });
});
