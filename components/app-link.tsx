import Link from "next/link";
import type { ComponentProps } from "react";

// next/link without prefetching, for every in-app link. A prefetch asks for a
// page's RSC payload, which the page cache (lib/page-cache/) does not hold, so
// each is a full server render the reader most likely never uses: one view of
// the month feed prefetched 37 pages (paper pages, topic pages, other feed
// views), about ten times the server CPU of the page itself. Navigation stays
// client-side; the page is fetched on click.
export function AppLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />;
}
