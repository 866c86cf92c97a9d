import { beforeAll, describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/same-site";
import { newVoterId, signVoterId, verifyVoterCookie, voterHash } from "@/lib/votes/voter";

beforeAll(() => {
  process.env.APP_SECRET = "v".repeat(40);
});

describe("voter cookie", () => {
  it("verifies its own signature and returns the id", () => {
    const id = newVoterId();
    expect(verifyVoterCookie(signVoterId(id))).toBe(id);
  });

  it("rejects missing, malformed and tampered cookies", () => {
    const id = newVoterId();
    const cookie = signVoterId(id);
    expect(verifyVoterCookie(undefined)).toBeNull();
    expect(verifyVoterCookie("")).toBeNull();
    expect(verifyVoterCookie(id)).toBeNull();
    expect(verifyVoterCookie(`${newVoterId()}${cookie.slice(cookie.indexOf("."))}`)).toBeNull();
    expect(verifyVoterCookie(`${cookie}x`)).toBeNull();
    expect(verifyVoterCookie(`../../etc.${cookie.split(".")[1]}`)).toBeNull();
  });

  it("stores a keyed hash, not the id, and the hash is stable per voter", () => {
    const id = newVoterId();
    expect(voterHash(id)).toBe(voterHash(id));
    expect(voterHash(id)).not.toContain(id);
    expect(voterHash(id)).not.toBe(voterHash(newVoterId()));
  });
});

describe("return path after a no-JavaScript vote", () => {
  it("allows same-site paths and refuses open redirects", () => {
    expect(safeReturnPath("/?period=week&topic=lmm", "/x")).toBe("/?period=week&topic=lmm");
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", 42, null]) {
      expect(safeReturnPath(bad, "/papers/1")).toBe("/papers/1");
    }
  });
});
