/** What a signed-in user sees on an admin's page: the reason, not the page. */
export function Forbidden({ what }: { what: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-2 rounded border border-amber-300 bg-amber-50 p-4 text-amber-950">
      <h1 className="text-lg font-semibold">{what} is for admins</h1>
      <p className="text-sm">
        Your role does not include it. An admin can change your role on the Users page.
      </p>
    </div>
  );
}
