import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * A production build of the dashboard that is the benchmark's own. Other engineers rebuild
 * /work/main/.next while they work (npm start, the e2e tests), which would pull the build from under
 * a running `next start`; so the sources are copied to a folder in the temp directory (node_modules
 * symlinked) and built there, once per set of sources: a later run with unchanged sources reuses it.
 */

const ROOT = resolve(import.meta.dirname, "../..");
export const BUILD_DIR = join(tmpdir(), "ballast-bench-ui", "app");
/** What `next build` reads: the tests, agent and benches are not part of the dashboard's bundle. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "prisma",
  "public",
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
const FINGERPRINT = ".bench-sources";

export interface BuildResult {
  dir: string;
  /** Seconds spent building, or null when an earlier build of the same sources was reused. */
  builtSeconds: number | null;
}

export function ensureBuild(): BuildResult {
  const fingerprint = sourcesFingerprint();
  const stamp = join(BUILD_DIR, FINGERPRINT);
  if (existsSync(join(BUILD_DIR, ".next/BUILD_ID")) && readIf(stamp) === fingerprint) {
    return { dir: BUILD_DIR, builtSeconds: null };
  }
  const started = performance.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  for (const input of BUILD_INPUTS) {
    if (existsSync(join(ROOT, input))) cpSync(join(ROOT, input), join(BUILD_DIR, input), { recursive: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(BUILD_DIR, "node_modules"));
  wrapNextConfig();
  const result = spawnSync(process.execPath, [join(BUILD_DIR, "node_modules/next/dist/bin/next"), "build"], {
    cwd: BUILD_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `next build failed in ${BUILD_DIR} (exit ${result.status ?? result.signal}):\n${tail(result.stdout)}\n${tail(result.stderr)}`,
    );
  }
  writeFileSync(stamp, fingerprint);
  return { dir: BUILD_DIR, builtSeconds: (performance.now() - started) / 1000 };
}

/**
 * Turbopack refuses a node_modules that points outside its root (the copy's folder), so the copy's
 * config widens the root to "/". Type errors are not the benchmark's business (others' unfinished
 * edits would stop it), so the copy does not type-check; `npm test` does that.
 */
function wrapNextConfig(): void {
  renameSync(join(BUILD_DIR, "next.config.ts"), join(BUILD_DIR, "next.config.repo.ts"));
  writeFileSync(
    join(BUILD_DIR, "next.config.ts"),
    `import type { NextConfig } from "next";
import repo from "./next.config.repo";

const config: NextConfig = {
  ...repo,
  turbopack: { ...repo.turbopack, root: "/" },
  typescript: { ...repo.typescript, ignoreBuildErrors: true },
};
export default config;
`,
  );
}

/** Paths, sizes and modification times of everything copied: a change anywhere means a rebuild. */
function sourcesFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (name: string) => {
    const path = join(ROOT, name);
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(`${name}/${entry}`);
    } else {
      hash.update(`${name}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) visit(input);
  return hash.digest("hex");
}

function readIf(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function tail(text: string | null, lines = 30): string {
  return (text ?? "").trimEnd().split("\n").slice(-lines).join("\n");
}
