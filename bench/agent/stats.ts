/** (measured - reference) / reference; NaN when the reference is 0 (a relative error means nothing there). */
export function relativeError(measured: number, reference: number): number {
  if (reference === 0) return measured === 0 ? 0 : Number.NaN;
  return (measured - reference) / reference;
}
