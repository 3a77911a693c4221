/**
 * A function of this file's, as the text of an init script. tsx compiles with esbuild's keepNames,
 * which wraps inner functions in calls to a `__name` helper that exists in node only; Playwright
 * sends a function's source to the page, so the page gets a no-op `__name` first.
 */
export function pageScript<A>(fn: (arg: A) => void, arg: A): { content: string } {
  return { content: `var __name = (f) => f;\n(${fn.toString()})(${JSON.stringify(arg)});` };
}
