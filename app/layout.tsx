import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";
import { SiteNav } from "@/components/site-nav";
import { VoteEnhancer } from "@/components/vote-enhancer";
import { shareMetadata } from "@/lib/seo/metadata";

// The defaults every page starts from; each page sets its own title,
// canonical URL and share tags with shareMetadata (lib/seo/metadata.ts).
export async function generateMetadata(): Promise<Metadata> {
  const site = shareMetadata({ title: "Paperboy: trending AI research papers" });
  return {
    ...site,
    title: { default: "Paperboy: trending AI research papers", template: "%s · Paperboy" },
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request so Next can stamp the request's CSP
  // nonce (proxy.ts) on its inline scripts; a prerendered page would carry no
  // nonce and its scripts would be blocked. Shared copies of the busy pages come
  // from the page cache (lib/page-cache/), which turns a render's nonce into hashes.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <header className="border-b border-zinc-200 dark:border-zinc-800">
          <div className="mx-auto flex max-w-4xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
            <a href="/" className="text-lg font-semibold tracking-tight">
              Paperboy
            </a>
            <SiteNav />
          </div>
        </header>
        <main className="mx-auto max-w-4xl px-4 py-6">{children}</main>
        <VoteEnhancer />
      </body>
    </html>
  );
}
