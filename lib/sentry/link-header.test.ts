import { describe, expect, it } from "vitest";
import { nextPageCursor, parseLinkHeader } from "./link-header";

// The shape Sentry sends (src/sentry/api/base.py, build_cursor_link).
const FIRST_PAGE =
  '<https://sentry.io/api/0/organizations/acme/issues/?project=1&cursor=1700000000000:0:1>; rel="previous"; results="false"; cursor="1700000000000:0:1", ' +
  '<https://sentry.io/api/0/organizations/acme/issues/?project=1&cursor=1700000000000:100:0>; rel="next"; results="true"; cursor="1700000000000:100:0"';
const LAST_PAGE =
  '<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:100:1>; rel="previous"; results="true"; cursor="0:100:1", ' +
  '<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:200:0>; rel="next"; results="false"; cursor="0:200:0"';

describe("parseLinkHeader", () => {
  it("reads rel, results and cursor of every link", () => {
    expect(parseLinkHeader(FIRST_PAGE)).toEqual([
      { url: "https://sentry.io/api/0/organizations/acme/issues/?project=1&cursor=1700000000000:0:1", rel: "previous", results: false, cursor: "1700000000000:0:1" },
      { url: "https://sentry.io/api/0/organizations/acme/issues/?project=1&cursor=1700000000000:100:0", rel: "next", results: true, cursor: "1700000000000:100:0" },
    ]);
  });

  it("keeps commas inside a URL and ignores malformed entries", () => {
    const links = parseLinkHeader('<https://x.test/?q=a,b>; rel="next"; results="true"; cursor="c1", garbage, <https://x.test/>; results="true"');
    expect(links).toEqual([{ url: "https://x.test/?q=a,b", rel: "next", results: true, cursor: "c1" }]);
  });

  it("returns nothing for a missing header", () => {
    expect(parseLinkHeader(null)).toEqual([]);
    expect(parseLinkHeader("")).toEqual([]);
  });
});

describe("nextPageCursor", () => {
  it("is the next link's cursor while Sentry says results=true", () => {
    expect(nextPageCursor(FIRST_PAGE)).toBe("1700000000000:100:0");
  });

  it("is null on the last page (results=false), even though a next link is present", () => {
    expect(nextPageCursor(LAST_PAGE)).toBeNull();
  });

  it("falls back to the cursor in the URL when the cursor parameter is absent", () => {
    expect(nextPageCursor('<https://sentry.io/api/0/x/?cursor=0:50:0>; rel="next"; results="true"')).toBe("0:50:0");
  });

  it("is null without a header or without a next link", () => {
    expect(nextPageCursor(undefined)).toBeNull();
    expect(nextPageCursor('<https://x.test/?cursor=1>; rel="previous"; results="true"; cursor="1"')).toBeNull();
  });
});
