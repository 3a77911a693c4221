// Starts `npm run plan` (cli/plan.ts) without tsx. CONTRACTS.md section 2 times the whole command,
// and tsx's loader hooks cost more than the planning itself at 1,000 hosts (a few hundred modules
// go through them). So cli/plan.ts is bundled with esbuild (already installed, as tsx's own) into
// node_modules/.cache, packages left external, and rebuilt whenever one of its sources changed.
// Plain JavaScript because it has to run before anything can compile TypeScript.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const cache = join(root, "node_modules", ".cache", "ballast-plan");
const bundle = join(cache, "plan.mjs");
const inputs = join(cache, "inputs.json");

/** The bundle is current when every file it was built from still has the time it had then. */
function current() {
  try {
    const built = JSON.parse(readFileSync(inputs, "utf8"));
    statSync(bundle);
    return Object.entries(built).every(([file, mtime]) => statSync(join(root, file)).mtimeMs === mtime);
  } catch {
    return false;
  }
}

/** esbuild as tsx (a dependency) has it: hoisted to the top of node_modules, or under tsx's own. */
function esbuild() {
  const require = createRequire(join(root, "package.json"));
  try {
    return require("esbuild");
  } catch {
    return createRequire(require.resolve("tsx/package.json"))("esbuild");
  }
}

function build() {
  const { buildSync } = esbuild();
  mkdirSync(cache, { recursive: true });
  // Written under a name of its own and renamed: a second run at the same moment never reads half a file.
  const partial = `${bundle}.${process.pid}.tmp`;
  const result = buildSync({
    absWorkingDir: root,
    entryPoints: ["cli/plan.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    outfile: partial,
    metafile: true,
    logLevel: "error",
  });
  const times = Object.fromEntries(
    Object.keys(result.metafile.inputs).map((file) => [file, statSync(join(root, file)).mtimeMs]),
  );
  writeFileSync(`${inputs}.${process.pid}.tmp`, JSON.stringify(times));
  renameSync(partial, bundle);
  renameSync(`${inputs}.${process.pid}.tmp`, inputs);
}

if (!current()) build();
await import(pathToFileURL(bundle).href);
