"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "./index";

/**
 * A cursor-paginated list from this app's API: the server-rendered first page as initial data,
 * "load more" through `nextCursor`, and a refresh that pauses in background tabs
 * (React Query's refetchIntervalInBackground stays false).
 */
export function useCursorPages<Page extends { nextCursor: string | null }>(options: {
  key: string;
  path: string;
  /** Query string of the current filters, without the cursor. */
  search: string;
  initialPage: Page;
  refetchIntervalMs?: number;
}) {
  return useInfiniteQuery({
    queryKey: [options.key, options.search],
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(options.search);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<Page>(`${options.path}?${params}`);
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    initialData: { pages: [options.initialPage], pageParams: [""] },
    refetchInterval: options.refetchIntervalMs,
  });
}
