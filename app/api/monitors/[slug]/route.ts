import { z } from "zod";
import { actorOf, clientIp } from "@/lib/auth";
import { apiRoute, json, parseInput, parseJsonBody, searchParams } from "@/lib/http";
import { deleteMonitor, getMonitorDetail, TIMELINE_WINDOWS, updateMonitor, updateMonitorInput, type TimelineWindow } from "@/lib/monitors";

type Params = { slug: string };

const detailQuery = z.object({ window: z.enum(Object.keys(TIMELINE_WINDOWS) as [TimelineWindow, ...TimelineWindow[]]).default("24h") });

export const GET = apiRoute<Params>({ role: "viewer" }, async ({ request, params }) => {
  const { window } = parseInput(detailQuery, searchParams(request));
  return json(await getMonitorDetail(params.slug, window));
});

export const PATCH = apiRoute<Params>({ role: "admin" }, async ({ request, principal, params }) => {
  const input = await parseJsonBody(request, updateMonitorInput);
  await updateMonitor(params.slug, input, actorOf(principal, clientIp(request)));
  return json(await getMonitorDetail(params.slug));
});

export const DELETE = apiRoute<Params>({ role: "admin" }, async ({ request, principal, params }) => {
  await deleteMonitor(params.slug, actorOf(principal, clientIp(request)));
  return json({ deleted: params.slug });
});
