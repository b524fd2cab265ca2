const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  host: string | null;
  origin: string | null;
  secFetchSite: string | null;
}

/**
 * Pure: whether a cookie-authenticated request may change state. Browsers send
 * `Sec-Fetch-Site` on every request and `Origin` on every cross-origin or non-GET one, so a
 * forged form post from another site is refused even though the cookie rides along
 * (SameSite=Lax already blocks most, this also covers same-site subdomains).
 */
export function isCrossSiteMutation(request: RequestOrigin): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (request.secFetchSite) return request.secFetchSite !== "same-origin" && request.secFetchSite !== "none";
  if (request.origin && request.origin !== "null") {
    try {
      return new URL(request.origin).host !== request.host;
    } catch {
      return true;
    }
  }
  // No browser metadata at all: a script or CLI, which cannot carry a victim's cookie.
  return false;
}
