import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-muted">404</p>
        <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand hover:underline">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
