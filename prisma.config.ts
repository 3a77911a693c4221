import path from "node:path";
import type { PrismaConfig } from "prisma";
import { adapterFor, databaseUrl, providerOf, schemaPath } from "./prisma/provider";

// Prisma's CLI runs fully offline with its WASM schema engine and a driver adapter; the native
// engines it would otherwise download are pointed at a script that refuses, so nothing downloads.
const noNativeEngine = path.resolve("scripts/no-native-engine.cjs");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= noNativeEngine;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= noNativeEngine;

// DATABASE_URL picks the provider: its schema (and so its migrations folder) and its driver adapter.
const url = databaseUrl();
process.env.DATABASE_URL = url;

export default {
  schema: schemaPath(providerOf(url)),
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => adapterFor(url),
} satisfies PrismaConfig;
