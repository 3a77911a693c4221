import type { Metadata } from "next";
import { Forbidden } from "@/components/auth/forbidden";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UsersTable } from "@/components/users/users-table";
import { can, ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { pageUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await pageUser("/users");
  if (!can(user.role, "manage-users")) return <Forbidden what="Users" />;
  const users = await listUsers();
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <ul className="text-sm text-slate-700">
          {ROLES.map((role) => (
            <li key={role}>
              <span className="font-medium">{role}</span>: {ROLE_DESCRIPTIONS[role]}
            </li>
          ))}
        </ul>
      </div>
      <UsersTable
        users={users.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }))}
        selfId={user.id}
      />
      <section
        aria-labelledby="add-user-heading"
        className="space-y-3 rounded border border-slate-200 bg-white p-4"
      >
        <h2 id="add-user-heading" className="text-lg font-semibold">
          Add a user
        </h2>
        <CreateUserForm />
      </section>
    </div>
  );
}
