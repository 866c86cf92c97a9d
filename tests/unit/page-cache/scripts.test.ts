import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { hashNoncedScripts, scriptHash } from "@/lib/page-cache/scripts";

const NONCE = "q0J3kvmPYbWdp5EBsdE9Ww==";
const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

describe("hashNoncedScripts", () => {
  test("hashes exactly the inline scripts that carry the fill nonce and strips the nonce everywhere", () => {
    const html = [
      `<link rel="preload" as="script" href="/_next/static/chunks/a.js" nonce="${NONCE}"/>`,
      `<script src="/_next/static/chunks/a.js" async="" nonce="${NONCE}"></script>`,
      `<script nonce="${NONCE}">self.__next_f=self.__next_f||[]</script>`,
      `<script id="_R_" nonce="${NONCE}">self.__next_f.push([1,"é \\u003cscript\\u003e",{"nonce":"${NONCE}"}])</script>`,
      // Not Next's: no nonce, or another one. They must stay unhashed, so the browser blocks them.
      `<script>alert("injected")</script>`,
      `<script nonce="someone-elses">alert("guessed")</script>`,
      `<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>`,
    ].join("");
    const { html: out, hashes } = hashNoncedScripts(html, NONCE);
    expect(hashes).toEqual([
      sha("self.__next_f=self.__next_f||[]"),
      sha('self.__next_f.push([1,"é \\u003cscript\\u003e",{"nonce":""}])'),
    ]);
    expect(out).not.toContain(NONCE);
    expect(out).toContain(`<script src="/_next/static/chunks/a.js" async=""></script>`);
    expect(out).toContain(`<script id="_R_">self.__next_f.push(`);
    expect(out).toContain(`<script>alert("injected")</script>`);
    expect(out).toContain(`<script nonce="someone-elses">alert("guessed")</script>`);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  test("identical scripts are listed once; a page without nonce scripts gets no hashes", () => {
    const twice = `<script nonce="${NONCE}">x()</script><script nonce="${NONCE}">x()</script>`;
    expect(hashNoncedScripts(twice, NONCE).hashes).toEqual([sha("x()")]);
    expect(hashNoncedScripts("<p>no scripts</p><script>y()</script>", NONCE).hashes).toEqual([]);
  });

  test("accepts the attribute in any quoting and case, and hashes what browsers hash (newlines normalized)", () => {
    const html = `<SCRIPT NONCE='${NONCE}' type="text/javascript">a();\r\nb();\rc()</SCRIPT >`;
    const { html: out, hashes } = hashNoncedScripts(html, NONCE);
    expect(hashes).toEqual([sha("a();\nb();\nc()")]);
    expect(out).toBe(`<script type="text/javascript">a();\nb();\nc()</script>`);
  });

  test("scriptHash is the CSP hash-source form", () => {
    expect(scriptHash("")).toBe("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
