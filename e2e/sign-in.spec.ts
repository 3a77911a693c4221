import { expect, type Page, test } from "@playwright/test";
import { account, expectSignedInAs, signIn } from "./auth";
import { expectNoAxeViolations } from "./axe";

/** Signed out: the way in, a wrong password, the lockout per account, and the way out. */

test.use({ storageState: { cookies: [], origins: [] } });

test("a page asked for while signed out leads to sign-in and back to it; the API says 401", async ({
  page,
  request,
}) => {
  await page.goto("/hosts");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fhosts$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Hosts" })).toHaveCount(0);
  expect((await request.get("/api/cluster")).status()).toBe(401);

  await signIn(page, "viewer");
  await expect(page).toHaveURL(/\/hosts$/);
  await expectSignedInAs(page, "viewer");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("the sign-in page has no accessibility violations", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a wrong password is refused in words, and the form keeps the email", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, "operator", "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("wrong email or password");
  await expect(page.getByLabel("Email")).toHaveValue(account("operator").email);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("five failures lock the account: the sixth attempt is refused before its password is tried", async ({
  page,
}) => {
  // An account of its own, so the other tests' accounts stay usable (and a retry starts unlocked);
  // it need not exist.
  const email = `locked-out-${Date.now()}@ballast.demo`;
  await page.goto("/sign-in");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${attempt}`);
    // Each attempt waits for the server's answer: the alert alone reads the same every time.
    await Promise.all([answered(page), page.getByRole("button", { name: "Sign in" }).click()]);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("wrong email or password");
    // React resets the form once the answer is in: typing before that reset loses the password.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    /^too many attempts, try again in \d+ s$/,
  );
});

/** The sign-in action's answer (a POST to the sign-in page). */
function answered(page: Page) {
  return page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in",
  );
}
