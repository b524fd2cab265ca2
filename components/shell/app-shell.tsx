"use client";

import { useState, type ReactNode } from "react";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ user, children }: { user: { email: string; name: string | null; role: string }; children: ReactNode }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const sidebar = (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-2 px-4 py-5">
        <span aria-hidden className="grid size-8 place-items-center rounded-md bg-brand text-sm font-bold text-white">
          SH
        </span>
        <span className="text-sm font-semibold text-white">Self-healing Ops</span>
      </div>
      <nav aria-label="Main" className="flex-1 px-2">
        <NavLinks onNavigate={() => setMenuOpen(false)} />
      </nav>
      <div className="border-t border-white/10 px-4 py-4">
        <p className="truncate text-sm font-medium text-white" title={user.email}>
          {user.name ?? user.email}
        </p>
        <div className="mt-1 flex items-center justify-between">
          <span className="text-xs uppercase tracking-wide text-sidebar-ink" data-testid="current-role">
            {user.role}
          </span>
          <SignOutButton />
        </div>
      </div>
    </div>
  );
  return (
    <div className="min-h-screen lg:pl-60">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2">
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 hidden w-60 bg-sidebar lg:block">{sidebar}</aside>
      <div className="sticky top-0 z-30 flex items-center justify-between bg-sidebar px-4 py-3 lg:hidden">
        <span className="text-sm font-semibold text-white">Self-healing Ops</span>
        <button
          type="button"
          aria-expanded={menuOpen}
          aria-controls="mobile-nav"
          onClick={() => setMenuOpen((open) => !open)}
          className="rounded-md px-2 py-1 text-sm text-white ring-1 ring-white/20"
        >
          Menu
        </button>
      </div>
      {menuOpen && (
        <div id="mobile-nav" className="fixed inset-0 z-40 bg-sidebar lg:hidden">
          <div className="flex justify-end p-3">
            <button type="button" onClick={() => setMenuOpen(false)} className="rounded-md px-2 py-1 text-sm text-white ring-1 ring-white/20">
              Close
            </button>
          </div>
          {sidebar}
        </div>
      )}
      <main id="main" className="mx-auto max-w-7xl px-4 py-8 sm:px-6 lg:px-8">
        {children}
      </main>
    </div>
  );
}
