import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaConfig } from "prisma";

// Prisma's CLI runs fully offline with its WASM schema engine and a driver adapter; the native
// engines it would otherwise download are pointed at a script that refuses, so nothing downloads.
const noNativeEngine = path.resolve("scripts/no-native-engine.cjs");
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= noNativeEngine;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= noNativeEngine;
process.env.DATABASE_URL ??= "file:.data/ballast.db";

export default {
  schema: "prisma/schema.prisma",
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => new PrismaBetterSQLite3({ url: process.env.DATABASE_URL as string }),
} satisfies PrismaConfig;
