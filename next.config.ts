import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs/config";

/** The origin the browser SDK sends its envelopes to, from the DSN compiled into the bundle. */
function sentryIngestOrigin(): string {
  try {
    return process.env.NEXT_PUBLIC_SENTRY_DSN ? new URL(process.env.NEXT_PUBLIC_SENTRY_DSN).origin : "";
  } catch {
    return "";
  }
}

// Scripts and styles keep 'unsafe-inline': Next's hydration data and prerendered pages are
// inline scripts without a nonce, and charts set inline styles. Everything else is this origin
// only: no plug-ins, no framing (clickjacking), no foreign form targets or <base>.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self' ${sentryIngestOrigin()}`.trim(),
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // WASM Postgres, the native password hasher and the pg driver load files at run time;
  // bundling them breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  // Embedded mode migrates itself on start, so the SQL files must ship with the server.
  outputFileTracingIncludes: { "/**": ["./prisma/migrations/**/*"] },
  experimental: { authInterrupts: true },
  // Sentry's cron ingest URLs end in a slash (/api/0/cron/<slug>/<key>/), and curl does not
  // follow the 308 Next would answer; the one redirect we keep is in redirects() below.
  skipTrailingSlashRedirect: true,
  async redirects() {
    return [{ source: "/:path((?!api/[^/]+/cron/).+)/", destination: "/:path", permanent: true }];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withSentryConfig(nextConfig, {
  silent: true,
  telemetry: false,
  // Source maps are uploaded only when a Sentry auth token is configured for the build.
  sourcemaps: { disable: !process.env.SENTRY_AUTH_TOKEN },
});
