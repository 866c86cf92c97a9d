import { describe, expect, it } from "vitest";
import { configureEnv, EnvError, env, envIfLoaded, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("gives the embedded defaults for an empty environment", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.APP_URL).toBe("http://localhost:3000");
    expect(env.PGLITE_DATA_DIR).toBe(".data/pglite");
  });

  it("derives APP_URL from PORT and strips a trailing slash", () => {
    expect(parseEnv({ PORT: "4000" }).APP_URL).toBe("http://localhost:4000");
    expect(parseEnv({ APP_URL: "https://paperboy.example/" }).APP_URL).toBe("https://paperboy.example");
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "mysql://x"],
    ["APP_URL", "not a url"],
    ["APP_SECRET", "short"],
  ])("rejects %s=%s naming the variable", (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`${name}:`));
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});

describe("configureEnv", () => {
  it("makes env() return the completed settings, even after a module read the environment first", () => {
    const early = env(); // what a module imported before start-up sees
    expect(envIfLoaded()).toBe(early);
    const completed = { ...early, DATABASE_URL: "postgresql://127.0.0.1:5555/x", APP_SECRET: "k".repeat(40) };
    configureEnv(completed);
    expect(env()).toBe(completed);
    expect(env().APP_SECRET).toBe("k".repeat(40));
    expect(process.env.APP_SECRET).not.toBe("k".repeat(40)); // nothing is written back to process.env
  });
});

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
