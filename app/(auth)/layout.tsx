import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="grid min-h-screen place-items-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-8 flex items-center justify-center gap-2">
          <span aria-hidden className="grid size-9 place-items-center rounded-md bg-brand text-sm font-bold text-white">
            SH
          </span>
          <span className="text-lg font-semibold">Self-healing Ops</span>
        </div>
        {children}
      </div>
    </main>
  );
}
