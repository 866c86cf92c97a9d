// The seed day: the day of the copied Hugging Face listing the demo papers
// start from (prisma/seed/2025-03-14-listing.txt). Pure, so pages can link
// its source listing (/listing) without loading the import code.
export const DEMO_FEATURED_ON = "2025-03-14";
