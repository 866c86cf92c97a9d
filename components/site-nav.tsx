import { AppLink } from "@/components/app-link";

const linkClass = "rounded px-1 hover:underline focus-visible:outline-2 focus-visible:outline-blue-600";

/** Header navigation and the site search box (a plain GET form: works without JavaScript). */
export function SiteNav() {
  return (
    <div className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 text-sm">
      <nav aria-label="Main" className="flex gap-3">
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
      <form action="/search" method="get" role="search" className="flex gap-1">
        <label htmlFor="site-search" className="sr-only">
          Search papers
        </label>
        <input
          id="site-search"
          name="q"
          type="search"
          placeholder="Search papers"
          className="w-40 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm sm:w-56 dark:border-zinc-700 dark:bg-zinc-900"
        />
        <button type="submit" className="rounded-md border border-zinc-300 px-2 py-1 dark:border-zinc-700">
          Search
        </button>
      </form>
    </div>
  );
}
