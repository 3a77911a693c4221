import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { Providers } from "@/components/providers";
import { currentUser } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ballast", template: "%s · Ballast" },
  description: "Hosts, domains and live migrations of a virtualization cluster",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers role={user?.role ?? null}>
          <Nav user={user} />
          <main className="mx-auto max-w-screen-2xl px-6 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
