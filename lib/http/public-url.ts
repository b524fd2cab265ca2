import { headers } from "next/headers";
import { getConfig } from "@/lib/config";

/** This app's public base URL: APP_URL when configured, otherwise what the browser used. */
export async function publicBaseUrl(): Promise<string> {
  const configured = getConfig().appUrl;
  if (configured) return configured;
  const incoming = await headers();
  const host = incoming.get("x-forwarded-host") ?? incoming.get("host") ?? "localhost:3000";
  const proto = incoming.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
