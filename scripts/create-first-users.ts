import { DEMO_ACCOUNTS } from "../lib/auth/demo-accounts";
import { createFirstUsers } from "../lib/auth/first-users";
import { emailSchema } from "../lib/validations/users";

/**
 * Run by `npm start` after the migrations: on a database without users, creates the first ones and
 * prints their credentials. BALLAST_ADMIN_EMAIL set: one admin with that email and a random
 * password, printed this once only. Unset: the demo accounts of the README (one per role).
 * Runs under --conditions=react-server, as the dashboard's data modules expect.
 */

const wanted = process.env.BALLAST_ADMIN_EMAIL;
const adminEmail = wanted ? emailSchema.parse(wanted) : undefined;
const created = await createFirstUsers(adminEmail);
if (adminEmail) {
  if (created[0]) {
    console.log(`\nstart: created the first admin. Sign in as ${adminEmail} with the password`);
    console.log(`\n    ${created[0].password}\n`);
    console.log("It is shown this once only: keep it now. More users: the Users page.\n");
  }
} else if ((await demoAccountsLeft()) > 0) {
  console.log(`\nstart: ${created.length > 0 ? "created the " : ""}demo accounts (README, "Signing in"):`);
  for (const account of DEMO_ACCOUNTS)
    console.log(`    ${account.role.padEnd(8)}  ${account.email.padEnd(22)}  ${account.password}`);
  console.log("");
}
process.exit(0);

async function demoAccountsLeft(): Promise<number> {
  const { db } = await import("../lib/db/client");
  return db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } } });
}
