import { ROLES } from "@/lib/auth/roles";

/** The three roles, as a select; the label is given by the caller (visible or not). */
export function RoleSelect({ id, name, defaultValue }: { id: string; name: string; defaultValue?: string }) {
  return (
    <select
      id={id}
      name={name}
      defaultValue={defaultValue ?? "viewer"}
      className="rounded border border-slate-400 bg-white p-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-700"
    >
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {role}
        </option>
      ))}
    </select>
  );
}
