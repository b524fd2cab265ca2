import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <div className="max-w-md text-center">
        <p className="text-sm font-semibold text-danger">403</p>
        <h1 className="mt-2 text-2xl font-semibold">You don&apos;t have access to this page</h1>
        <p className="mt-2 text-sm text-muted">Your role does not include it. Ask an admin if you need it.</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand hover:underline">
          Back to the overview
        </Link>
      </div>
    </main>
  );
}
