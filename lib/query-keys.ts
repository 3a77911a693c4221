/** Every TanStack Query key of the dashboard, in one place. */
export const queryKeys = {
  cluster: ["cluster"] as const,
};
