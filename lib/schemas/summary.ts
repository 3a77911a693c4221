import { z } from "zod";
import { hostSchema } from "./host";
import { migrationStatusSchema } from "./migration";

/**
 * `GET /v1/summary` (an addition to the API of CONTRACTS.md): `GET /v1/host` and `GET /v1/migrations`
 * in one answer. The dashboard asks every agent for both every 500 ms while a page is open and every
 * 2 s otherwise; at 200 agents one request instead of two halves what that costs both sides.
 */
export const hostSummarySchema = z.object({
  host: hostSchema,
  migrations: z.array(migrationStatusSchema),
});

export type HostSummaryAnswer = z.infer<typeof hostSummarySchema>;
