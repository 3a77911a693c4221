/** Links between the dashboard's pages, built in one place so names are always escaped. */

/** A domain page names its host: during a migration the same name exists on two hosts. */
export function domainHref(name: string, host?: string): string {
  const path = `/domains/${encodeURIComponent(name)}`;
  return host ? `${path}?host=${encodeURIComponent(host)}` : path;
}

export function hostHref(host: string): string {
  return `/hosts/${encodeURIComponent(host)}`;
}
