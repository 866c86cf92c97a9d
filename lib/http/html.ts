// Small HTML answers from route handlers (errors, the one-click unsubscribe
// result). Every interpolated value goes through escapeHtml.

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Text, or text from outside (a paper title) rendered isolated so its direction can't spill over. */
export type HtmlPart = string | { isolate: string };

/** A one-button form: POSTs its hidden fields to action. */
export type HtmlForm = { action: string; fields: Record<string, string>; button: string };

export type HtmlPage = {
  title: string;
  paragraphs: (string | HtmlPart[])[];
  list?: string[];
  form?: HtmlForm;
  link?: { href: string; label: string };
};

const part = (p: HtmlPart) => (typeof p === "string" ? escapeHtml(p) : `<bdi>${escapeHtml(p.isolate)}</bdi>`);

function formHtml(form: HtmlForm): string {
  const hidden = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  return `<form method="post" action="${escapeHtml(form.action)}">${hidden}<button type="submit">${escapeHtml(form.button)}</button></form>`;
}

export function htmlResponse(status: number, page: HtmlPage, headers: Record<string, string> = {}): Response {
  const form = page.form ? formHtml(page.form) : "";
  const list = page.list?.length ? `<ul>${page.list.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>` : "";
  const link = page.link ? `<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a></p>` : "";
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(page.title)} · Paperboy</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color-scheme:light dark}a{color:#1d4ed8}</style>
</head><body><p><a href="/">Paperboy</a></p><main><h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${[p].flat().map(part).join("")}</p>`).join("\n")}${list}${form}${link}</main></body></html>`;
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** 303 See Other: the browser follows with a GET, so a reload never re-posts the form. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
