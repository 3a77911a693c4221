/** A problem with the planner's input, said in one line that names where it is. */
export class SnapshotError extends Error {
  override name = "SnapshotError";
}
