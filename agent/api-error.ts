import type { Check } from "../lib/schemas/migration";

/** An error the API answers as `{"error": {"code", "message"}}` with its status (and failed checks on 422). */
export class ApiError extends Error {
  override name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly checks?: Check[],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new ApiError(404, "NOT_FOUND", `${what} not found`);
export const conflict = (code: string, message: string) => new ApiError(409, code, message);
