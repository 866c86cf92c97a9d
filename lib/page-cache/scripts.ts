import { createHash } from "node:crypto";

// Turns a page rendered with a private fill nonce into one whose inline
// scripts are allowed by hash. Only <script> elements that carry the fill
// nonce are hashed: Next stamps it on the scripts it emits, and nothing else
// in the page can know it (a fresh random value per render, sent only from
// this process to itself). Markup injected through data (a paper title
// holding "<script>…") is escaped by React; even if some path let it through
// unescaped, it would not carry the nonce, so its hash is never listed and the
// browser refuses to run it. A script element the pattern does not parse gets
// no hash (and loses its nonce): blocked, never allowed by mistake.

const SCRIPT_ELEMENT =
  /<script\b((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*>([\s\S]*?)<\/script\s*>/gi;
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

export type HashedPage = {
  html: string;
  /** CSP hash-sources ('sha256-…') of the inline scripts that carried the nonce, each once, in page order. */
  hashes: string[];
};

/** The CSP hash-source of an inline script's text, as browsers compute it (UTF-8, newlines already normalized). */
export function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

export function hashNoncedScripts(html: string, nonce: string): HashedPage {
  const hashes = new Set<string>();
  const out = html.replace(SCRIPT_ELEMENT, (element, attributes: string, text: string) => {
    let carriesNonce = false;
    let external = false;
    const kept = attributes.replace(ATTRIBUTE, (attribute, name: string, dq?: string, sq?: string, bare?: string) => {
      const lower = name.toLowerCase();
      if (lower === "src") external = true;
      if (lower === "nonce" && (dq ?? sq ?? bare) === nonce) {
        carriesNonce = true;
        return "";
      }
      return attribute;
    });
    if (!carriesNonce) return element;
    if (external) return `<script${kept}>${text}</script>`;
    // Next repeats the nonce inside its RSC payload (for the links and scripts React manages): it is
    // dropped there too, so the shared copy carries no trace of it. Browsers turn CRLF and lone CR
    // into LF before they hash a script; store what they will hash.
    const normalized = text.replaceAll(nonce, "").replace(/\r\n?/g, "\n");
    hashes.add(scriptHash(normalized));
    return `<script${kept}>${normalized}</script>`;
  });
  // Next also puts the nonce on preload links; it allows nothing once the policy names no nonce.
  return { html: out.replaceAll(` nonce="${nonce}"`, "").replaceAll(nonce, ""), hashes: [...hashes] };
}
