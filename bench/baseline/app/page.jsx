export default function Home() {
  return (
    <main className="mx-auto max-w-2xl p-6">
      <h1 className="text-2xl font-bold">Hello world</h1>
      <p className="mt-2 text-slate-700">A heading and a paragraph: what a bare Next.js page costs.</p>
    </main>
  );
}
