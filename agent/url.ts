/** An agent's URL reduced to scheme, host and port, so `http://h:1/` and `http://h:1` are one agent. */
export function normalizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return url;
  }
}
