"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Icon, type IconName } from "@/components/ui/icons";

export const NAV_ITEMS = [
  { href: "/", label: "Overview", icon: "overview" },
  { href: "/issues", label: "Issues", icon: "issues" },
  { href: "/jobs", label: "Jobs", icon: "jobs" },
  { href: "/rules", label: "Rules", icon: "rules" },
  { href: "/workers", label: "Workers", icon: "workers" },
  { href: "/monitors", label: "Monitors", icon: "monitors" },
  { href: "/health", label: "Health", icon: "health" },
  { href: "/alerts", label: "Alerts", icon: "alerts" },
  { href: "/settings", label: "Settings", icon: "settings" },
] as const satisfies readonly { href: string; label: string; icon: IconName }[];

function isActive(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {NAV_ITEMS.map((item) => {
        const active = isActive(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium transition-colors ${
                active ? "bg-white/10 text-white" : "text-sidebar-ink hover:bg-white/5 hover:text-white"
              }`}
            >
              <Icon name={item.icon} className="opacity-80" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
