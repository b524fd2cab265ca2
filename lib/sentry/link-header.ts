/**
 * Sentry paginates with an RFC 8288 `Link` header carrying two extra parameters:
 *
 *   <https://sentry.io/api/0/…&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1",
 *   <https://sentry.io/api/0/…&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"
 *
 * A `next` link is always present; `results="false"` is how Sentry says there is no next page.
 */
export interface SentryLink {
  url: string;
  rel: string;
  results: boolean;
  cursor: string | null;
}

/** Pure: every link in the header, in order. Malformed entries are skipped. */
export function parseLinkHeader(header: string | null | undefined): SentryLink[] {
  if (!header) return [];
  const links: SentryLink[] = [];
  // Split on commas that start a new `<url>` entry: URLs and quoted values may contain commas.
  for (const entry of header.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>\s*(.*)$/s.exec(entry);
    if (!match) continue;
    const params = new Map<string, string>();
    for (const param of match[2]!.matchAll(/;\s*([a-zA-Z_-]+)\s*=\s*(?:"([^"]*)"|([^;,\s]*))/g)) {
      params.set(param[1]!.toLowerCase(), param[2] ?? param[3] ?? "");
    }
    const rel = params.get("rel");
    if (!rel) continue;
    links.push({ url: match[1]!, rel, results: params.get("results") === "true", cursor: params.get("cursor") ?? null });
  }
  return links;
}

/** Pure: the cursor of the next page, or null when Sentry says there are no more results. */
export function nextPageCursor(header: string | null | undefined): string | null {
  const next = parseLinkHeader(header).find((link) => link.rel === "next");
  if (!next || !next.results) return null;
  if (next.cursor) return next.cursor;
  try {
    return new URL(next.url).searchParams.get("cursor");
  } catch {
    return null;
  }
}
