/** A live answer for the browser's polls: JSON, never cached by the browser or a proxy. */
export function liveJson(data: unknown): Response {
  return Response.json(data, { headers: { "cache-control": "no-store" } });
}
