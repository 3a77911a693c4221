import { test as setup } from "@playwright/test";
import { ROLES } from "../lib/auth/roles";
import { expectSignedInAs, signIn, storageStatePath } from "./auth";

/** Signs each demo role in once, through the sign-in page, and keeps its session for the specs. */
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page, baseURL }) => {
    await page.goto("/sign-in");
    await signIn(page, role);
    await page.waitForURL((url) => url.pathname === "/");
    await expectSignedInAs(page, role);
    await page.context().storageState({ path: storageStatePath(role, new URL(baseURL ?? "").port) });
  });
}
