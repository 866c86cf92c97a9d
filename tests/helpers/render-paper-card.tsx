// Prints the app's paper card markup for the paper given as JSON in argv[2].
// Run with tsx by tests/e2e/text-direction.spec.ts: Playwright's ESM loader
// can't resolve next/link's extension-less entry points, tsx can.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { PaperCard } from "@/components/paper-card";

const paper = JSON.parse(process.argv[2]!);
process.stdout.write(renderToStaticMarkup(createElement(PaperCard, { paper, returnTo: "/" })));
