import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { BootError, boot, localAppUrlFile, localSecretFile } from "@/lib/runtime/boot";
import { databaseUrl, testDb } from "@/tests/helpers/db";

// boot() reads process.env: each test sets what it needs and the original comes back afterwards.
const saved = { ...process.env };
let dataDir: string;

beforeEach(async () => {
  dataDir = path.join(await mkdtemp(path.join(tmpdir(), "paperboy-boot-")), "pglite");
  process.env.DATABASE_URL = databaseUrl();
  process.env.PGLITE_DATA_DIR = dataDir;
  delete process.env.APP_SECRET;
  delete process.env.APP_URL;
  delete process.env.PORT;
});
afterEach(() => {
  process.env = { ...saved };
  testDb(); // later files' clients stay on the test database
});

describe("boot", () => {
  it("configures env() and db() with the completed settings, creating the local secret once", async () => {
    const first = await boot({ secret: "create", migrateServer: true, poolSize: 2 });
    const secret = (await readFile(localSecretFile(dataDir), "utf8")).trim();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(env()).toBe(first.env);
    expect(env()).toMatchObject({ DATABASE_URL: databaseUrl(), APP_SECRET: secret });
    expect(process.env.APP_SECRET).toBeUndefined();
    expect(first.migrations).toEqual([]); // the test database is migrated already
    expect(await db().$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    await first.stop();

    const again = await boot({ secret: "create", migrateServer: false });
    expect(again.env.APP_SECRET).toBe(secret);
    await again.stop();
  });

  it("uses APP_SECRET when set and never writes a local secret", async () => {
    process.env.APP_SECRET = "s".repeat(40);
    const runtime = await boot({ secret: "create", migrateServer: false });
    expect(env().APP_SECRET).toBe("s".repeat(40));
    expect(existsSync(localSecretFile(dataDir))).toBe(false);
    await runtime.stop();
  });

  it("refuses to sign with no secret at all, as a configuration error (exit 2)", async () => {
    const refused = boot({ secret: "existing", migrateServer: false });
    await expect(refused).rejects.toBeInstanceOf(BootError);
    await expect(refused).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/APP_SECRET is not set/),
    });
    const optional = await boot({ secret: "optional", migrateServer: false });
    expect(optional.env.APP_SECRET).toBeUndefined();
    await optional.stop();
  });

  it("names an invalid variable, and refuses the embedded database when the caller needs a server", async () => {
    process.env.PORT = "70000";
    await expect(boot({ secret: "optional", migrateServer: false })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/PORT: must be between/),
    });
    delete process.env.PORT;
    delete process.env.DATABASE_URL;
    await expect(
      boot({ secret: "optional", migrateServer: true, requireDatabaseUrl: "DATABASE_URL is not set" }),
    ).rejects.toMatchObject({ exitCode: 2, message: "DATABASE_URL is not set" });
  });

  it("resolves APP_URL for a CLI as `npm start` did: the environment, else what it recorded, else the default", async () => {
    // A CLI before any `npm start`: the default, and it says so (the digest CLI refuses to send on it).
    const before = await boot({ secret: "optional", appUrl: "recorded", migrateServer: false });
    expect(before).toMatchObject({ appUrlSource: "default", env: { APP_URL: "http://localhost:3000" } });
    await before.stop();

    // `npm start` on another port records the address it serves on...
    process.env.PORT = "3314";
    const start = await boot({ secret: "optional", appUrl: "record", migrateServer: false });
    expect(start.env.APP_URL).toBe("http://localhost:3314");
    expect((await readFile(localAppUrlFile(dataDir), "utf8")).trim()).toBe("http://localhost:3314");
    await start.stop();

    // ...which a CLI run without PORT or APP_URL then uses for its links.
    delete process.env.PORT;
    const cli = await boot({ secret: "optional", appUrl: "recorded", migrateServer: false });
    expect(cli).toMatchObject({ appUrlSource: "recorded", env: { APP_URL: "http://localhost:3314" } });
    expect(env().APP_URL).toBe("http://localhost:3314");
    await cli.stop();

    // An explicit APP_URL always wins.
    process.env.APP_URL = "https://papers.example.org/";
    const explicit = await boot({ secret: "optional", appUrl: "recorded", migrateServer: false });
    expect(explicit).toMatchObject({ appUrlSource: "env", env: { APP_URL: "https://papers.example.org" } });
    await explicit.stop();
  });
});
