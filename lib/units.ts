/** Byte and address helpers shared by every part of the product. */

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

export function mibToBytes(mib: number): number {
  return mib * MiB;
}

export function bytesToMiB(bytes: number): number {
  return bytes / MiB;
}

/** Formats a real or physical address the way `ldm list -o memory` prints it. */
export function formatAddress(bytes: number): string {
  return `0x${bytes.toString(16)}`;
}

export function parseAddress(text: string): number {
  if (!/^0x[0-9a-f]+$/i.test(text)) throw new Error(`not a hex address: ${text}`);
  return Number.parseInt(text.slice(2), 16);
}

/** "2G", "512M": the size notation ldm uses in its messages. */
export function formatSizeMiB(mib: number): string {
  if (mib >= 1024 && mib % 1024 === 0) return `${mib / 1024}G`;
  if (mib >= 1024) return `${(mib / 1024).toFixed(1)}G`;
  return `${mib}M`;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** "7.4 s", "3 min 20 s", "1 h 5 min": a duration as admins read it. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
