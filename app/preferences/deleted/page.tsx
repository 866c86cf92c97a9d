import type { Metadata } from "next";
import { shareMetadata } from "@/lib/seo/metadata";

export async function generateMetadata(): Promise<Metadata> {
  return { ...shareMetadata({ title: "Data deleted" }), robots: { index: false } };
}

export default function DeletedPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Your data is deleted</h1>
      <p className="mt-2">
        We removed your address, your preferences and the record of what we sent you. Old links no longer work.
      </p>
    </>
  );
}
