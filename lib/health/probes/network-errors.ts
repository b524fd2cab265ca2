/**
 * Pure: a short, human reason from a socket, DNS, TLS or fetch error, naming where it
 * happened. Node reports the interesting part as `code` on the error or on its `cause`
 * (fetch wraps it: "fetch failed" with the real error as cause).
 */
export function describeNetworkError(error: unknown, where: string): string {
  const candidates = [error, (error as { cause?: unknown })?.cause].filter((value): value is { code?: unknown; message?: unknown; name?: unknown } => typeof value === "object" && value !== null);
  for (const candidate of candidates) {
    const code = typeof candidate.code === "string" ? candidate.code : "";
    switch (code) {
      case "ECONNREFUSED":
        return `connection refused by ${where}`;
      case "ENOTFOUND":
      case "EAI_AGAIN":
        return `host name of ${where} not found (DNS)`;
      case "ECONNRESET":
      case "EPIPE":
        return `connection to ${where} was reset`;
      case "ETIMEDOUT":
        return `connecting to ${where} timed out`;
      case "EHOSTUNREACH":
      case "ENETUNREACH":
        return `${where} is unreachable from here`;
    }
    // OpenSSL's own text ("80CC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…")
    // says less than its code does.
    if (code.startsWith("ERR_SSL_")) {
      const reason = code.slice("ERR_SSL_".length).toLowerCase().replace(/_/g, " ");
      return `TLS handshake with ${where} failed: ${reason}${code === "ERR_SSL_WRONG_VERSION_NUMBER" ? " (does it speak plain HTTP?)" : ""}`;
    }
    if (code.startsWith("CERT_") || code.startsWith("ERR_TLS") || code.includes("SELF_SIGNED") || code.startsWith("UNABLE_TO_") || code === "DEPTH_ZERO_SELF_SIGNED_CERT") {
      return `TLS problem with ${where}: ${String(candidate.message ?? code)}`;
    }
  }
  const innermost = candidates.at(-1);
  const message = innermost && typeof innermost.message === "string" && innermost.message ? innermost.message : String(error);
  return `${where}: ${message}`;
}

/** `host:port` of a URL, for messages that must not repeat the URL (it may hold credentials). */
export function endpointOf(url: URL, defaultPort: number): string {
  return `${url.hostname.includes(":") ? `[${url.hostname}]` : url.hostname}:${url.port || defaultPort}`;
}

export function elapsedSince(startedAt: number): number {
  return Math.max(0, Math.round(performance.now() - startedAt));
}
