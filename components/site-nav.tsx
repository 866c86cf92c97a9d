import { AppLink } from "@/components/app-link";

const linkClass = "rounded px-1 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600";

/**
 * Header navigation, the site search box (a plain GET form: works without
 * JavaScript) and the digest link, laid out by the header's wrapping flex row:
 * one line on wide screens; on a phone the links share the logo's line and
 * the search box and digest link the next, in the same reading order.
 */
export function SiteNav() {
  return (
    <>
      <nav aria-label="Main" className="ml-auto flex gap-3 text-sm">
        <AppLink href="/" className={linkClass}>
          Feed
        </AppLink>
        <AppLink href="/topics" className={linkClass}>
          Topics
        </AppLink>
        <AppLink href="/about" className={linkClass}>
          About
        </AppLink>
      </nav>
      <div className="flex w-full items-center gap-x-4 text-sm sm:w-auto">
        {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is the landmark all screen readers announce; <search> is not yet */}
        <form action="/search" method="get" role="search" className="flex min-w-0 flex-1 gap-1 sm:flex-none">
          <label htmlFor="site-search" className="sr-only">
            Search papers
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            placeholder="Search papers"
            className="w-full min-w-0 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm sm:w-56 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">
            Search
          </button>
        </form>
        <a
          href="/subscribe"
          className="shrink-0 font-medium text-blue-700 underline-offset-4 hover:underline dark:text-blue-400"
        >
          Get the digest
        </a>
      </div>
    </>
  );
}
