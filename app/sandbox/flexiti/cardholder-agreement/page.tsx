import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getConfig } from '@/lib/config';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Flexiti Cardholder Agreement (sandbox)', robots: { index: false } };

const TEXT = {
  en: {
    title: 'Flexiti Cardholder Agreement',
    sandbox:
      'Sandbox: a stand-in for the agreement Flexiti gives merchants. A real store links to its own copy (FLEXITI_AGREEMENT_URL).',
    points: [
      'Flexiti opens a credit account in your name when it approves your application.',
      'Purchases on the account are 0% interest if paid in full within 12 months, then 29.99% a year.',
      'No fee to apply. Flexiti sends you statements and you repay Flexiti, not the store.',
    ],
  },
  fr: {
    title: 'Entente du titulaire de carte Flexiti',
    sandbox:
      'Bac à sable : un remplaçant de l’entente que Flexiti remet aux marchands. Une vraie boutique renvoie à sa propre copie (FLEXITI_AGREEMENT_URL).',
    points: [
      'Flexiti ouvre un compte de crédit à votre nom lorsqu’elle approuve votre demande.',
      'Les achats sur le compte sont à 0 % d’intérêt s’ils sont payés en entier dans les 12 mois, puis à 29,99 % par année.',
      'Aucuns frais de demande. Flexiti vous envoie vos relevés et vous remboursez Flexiti, pas la boutique.',
    ],
  },
};

/** The sandbox's copy of the Cardholder Agreement the apply form links to (its key terms, as the sandbox widget states them). */
export default async function CardholderAgreementPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (!getConfig().sandbox) notFound();
  // /sandbox pages render in English (lib/i18n/locales.ts); the store's link says its language.
  const lang = (await searchParams).lang === 'fr' ? 'fr' : 'en';
  const m = TEXT[lang];
  return (
    <main lang={lang} className="mx-auto max-w-prose space-y-4 px-4 py-8">
      <h1 className="text-2xl font-bold">{m.title}</h1>
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{m.sandbox}</p>
      <ul className="list-disc space-y-2 pl-5 text-slate-800">
        {m.points.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </main>
  );
}
