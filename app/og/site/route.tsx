import { ImageResponse } from "next/og";
import { SiteShareImage } from "@/components/share-image";
import { SHARE_IMAGE, SHARE_IMAGE_HEADERS } from "@/lib/seo/metadata";

// GET /og/site: the share image of pages without their own.
export function GET() {
  return new ImageResponse(<SiteShareImage />, { ...SHARE_IMAGE, headers: SHARE_IMAGE_HEADERS });
}
