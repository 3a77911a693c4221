// Stands in for the "server-only" guard in the data-layer tests (Next.js resolves the real one).
export {};
