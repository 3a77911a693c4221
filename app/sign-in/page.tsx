import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/validations/users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const raw = (await searchParams).next;
  const next = safeNextPath(Array.isArray(raw) ? raw[0] : raw);
  if (await currentUser()) redirect(next);
  return (
    <div className="mx-auto mt-10 max-w-sm space-y-5 rounded border border-slate-200 bg-white p-6 shadow-sm">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-slate-700">
          Ballast moves guests between hosts: it needs to know who is asking.
        </p>
      </div>
      <SignInForm next={next} />
    </div>
  );
}
