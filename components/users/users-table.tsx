"use client";

import { UserRow, type UserRowData } from "./user-row";

/** Every account, with its role to change and a way to remove it. */
export function UsersTable({ users, selfId }: { users: UserRowData[]; selfId: string }) {
  return (
    <section aria-labelledby="users-heading" className="space-y-3">
      <h2 id="users-heading" className="text-lg font-semibold">
        Accounts
      </h2>
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Email
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Created (UTC)
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} self={user.id === selfId} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
