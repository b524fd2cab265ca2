import { sendTestAlert } from "@/lib/alerts";
import { apiRoute, json } from "@/lib/http";

/** Sends a sample alert to the channel now; `{ok, result}` is also kept as the channel's last test. */
export const POST = apiRoute<{ id: string }>({ role: "admin" }, async ({ params }) => json(await sendTestAlert(params.id, new Date())));
