import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-3 py-10 text-center">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="text-slate-600">We could not find what you were looking for.</p>
      <Link href="/" className="text-brand-700 underline">
        Back to all plans
      </Link>
    </div>
  );
}
