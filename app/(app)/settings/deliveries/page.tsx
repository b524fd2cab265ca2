import Link from "next/link";
import { DeliveryList } from "@/components/deliveries/delivery-list";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageRole } from "@/lib/auth/page";
import { DELIVERY_RESOURCES, DELIVERY_STATUSES, deliveryListQuery, listDeliveries } from "@/lib/sentry";

export const metadata = { title: "Webhook deliveries" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeliveriesPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageRole("admin");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  delete raw.cursor;
  const parsed = deliveryListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : deliveryListQuery.parse({});
  const resources = query.resource && !(DELIVERY_RESOURCES as readonly string[]).includes(query.resource) ? [...DELIVERY_RESOURCES, query.resource] : DELIVERY_RESOURCES;
  return (
    <>
      <PageHeader
        title="Webhook deliveries"
        description="Every Sentry webhook received, newest first. Each is stored before it is applied; failed and unhandled ones can be reprocessed from their stored body."
      />
      {!parsed.success && (
        <div className="mb-4">
          <Alert tone="warn">
            The link had an invalid <strong>{String(parsed.error.issues[0]?.path[0] ?? "filter")}</strong>, so all deliveries are shown.{" "}
            <Link href="/settings/deliveries" className="font-medium underline">
              Reset the view
            </Link>
          </Alert>
        </div>
      )}
      <DeliveryList
        view={{ status: query.status, resource: query.resource }}
        initialPage={await listDeliveries(query)}
        statuses={DELIVERY_STATUSES}
        resources={resources}
        // eslint-disable-next-line react-hooks/purity -- rendered once per request on the server; relative times hydrate against this instant
        serverNow={Date.now()}
      />
    </>
  );
}
