import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("ingest configuration", () => {
  it("defaults to the public APIs and 06:00 UTC", () => {
    const env = parseEnv({});
    expect(env.HF_BASE_URL).toBe("https://huggingface.co");
    expect(env.ARXIV_BASE_URL).toBe("https://export.arxiv.org");
    expect(env.INGEST_HOUR).toBe(6);
    expect(env.CRON_SECRET).toBeUndefined();
  });

  it("takes local base URLs without a trailing slash", () => {
    expect(parseEnv({ HF_BASE_URL: "http://127.0.0.1:4010/" }).HF_BASE_URL).toBe("http://127.0.0.1:4010");
  });

  it.each([
    ["INGEST_HOUR", "24"],
    ["HF_BASE_URL", "ftp://x"],
    ["ARXIV_BASE_URL", "export.arxiv.org"],
    ["CRON_SECRET", "short"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });
});
