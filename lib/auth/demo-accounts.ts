import type { Role } from "./roles";

/**
 * The demo's accounts, one per role, created by `npm start` on a database without users and listed
 * in the README. Their passwords are public: a dashboard anyone else can reach is started with
 * BALLAST_ADMIN_EMAIL instead (one admin, a random password printed once).
 */
export const DEMO_ACCOUNTS: readonly { email: string; name: string; role: Role; password: string }[] = [
  { email: "admin@ballast.demo", name: "Demo admin", role: "admin", password: "ballast-admin-demo" },
  {
    email: "operator@ballast.demo",
    name: "Demo operator",
    role: "operator",
    password: "ballast-operator-demo",
  },
  { email: "viewer@ballast.demo", name: "Demo viewer", role: "viewer", password: "ballast-viewer-demo" },
];
