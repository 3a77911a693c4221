#!/usr/bin/env node
// Stands in for Prisma's native engines, which cannot be downloaded here: the project uses the
// WASM schema engine and the query compiler. Anything that reaches for a native engine fails loudly.
process.stderr.write(
  "ballast: Prisma tried to use a native engine; this project runs Prisma with engine 'js' only\n",
);
process.exit(1);
