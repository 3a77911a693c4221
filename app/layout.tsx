import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ballast", template: "%s · Ballast" },
  description: "Hosts, domains and live migrations of a virtualization cluster",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <Providers>
          <Nav />
          <main className="mx-auto max-w-screen-2xl px-6 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
