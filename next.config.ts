import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and WASM-backed server packages stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pino"],
  poweredByHeader: false,
};

export default config;
