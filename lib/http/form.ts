// Reading an HTML form body at the boundary: only the two form encodings,
// bounded in size whether or not the client declares a Content-Length.
import { readBoundedBytes } from "./body";

/** Subscription forms are a few hundred bytes; 16 KiB leaves room for multipart overhead and every topic ticked. */
export const MAX_FORM_BYTES = 16 * 1024;

export type FormFields = FormData | URLSearchParams;
export type FormReadResult = { ok: true; form: FormFields } | { ok: false; status: 400 | 413 | 415; message: string };

export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormReadResult> {
  const contentType = request.headers.get("content-type") ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data") {
    return {
      ok: false,
      status: 415,
      message: "Send the form as application/x-www-form-urlencoded or multipart/form-data.",
    };
  }
  const read = await readBoundedBytes(request, maxBytes);
  if (!read.ok)
    return read.reason === "aborted"
      ? { ok: false, status: 400, message: "The form arrived incomplete (the upload was interrupted)." }
      : tooLarge(maxBytes);
  const { bytes } = read;

  if (type === "application/x-www-form-urlencoded") {
    return { ok: true, form: new URLSearchParams(new TextDecoder().decode(bytes)) };
  }
  try {
    return { ok: true, form: await new Response(bytes, { headers: { "content-type": contentType } }).formData() };
  } catch {
    return { ok: false, status: 400, message: "The form body could not be read." };
  }
}

function tooLarge(maxBytes: number): FormReadResult {
  return { ok: false, status: 413, message: `The form is larger than ${Math.round(maxBytes / 1024)} KiB.` };
}

/** A single text field, or undefined (missing, a file, or empty). */
export function textField(form: FormFields, name: string): string | undefined {
  const v = form.get(name);
  return typeof v === "string" && v !== "" ? v : undefined;
}
