import type { NextConfig } from "next";
import { withSentryConfig } from "@sentry/nextjs/config";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
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
