import { describe, expect, it } from "vitest";
import { cronAuthorized } from "@/lib/http/cron";

const SECRET = "s3cret-s3cret-s3cret";

describe("cronAuthorized (the guard of every /api/cron/* route)", () => {
  it("accepts exactly `Bearer <secret>`", () => {
    expect(cronAuthorized(`Bearer ${SECRET}`, SECRET)).toBe(true);
    expect(cronAuthorized("Bearer wrong", SECRET)).toBe(false);
    expect(cronAuthorized(`Bearer ${SECRET}x`, SECRET)).toBe(false);
    expect(cronAuthorized(SECRET, SECRET)).toBe(false);
    expect(cronAuthorized(null, SECRET)).toBe(false);
  });

  it("fails closed without a configured secret", () => {
    expect(cronAuthorized("Bearer ", undefined)).toBe(false);
    expect(cronAuthorized("Bearer undefined", undefined)).toBe(false);
  });
});
