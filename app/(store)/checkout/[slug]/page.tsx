import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { PaymentChoice } from '@/components/checkout/payment-choice';
import { LazyCheckoutFlow } from '@/components/checkout/checkout-flow-lazy';
import type { Draft } from '@/components/checkout/checkout-fields';
import { FlipkartSignIn } from '@/components/auth/flipkart-sign-in';
import { getCurrentCustomer, type Customer } from '@/lib/auth';
import { getProductBySlug } from '@/lib/catalog/queries';
import { getConfig } from '@/lib/config';
import { clientMessages } from '@/lib/i18n/client-messages';
import { getProductNamer, getStoreFormat } from '@/lib/i18n/store-format';
import type { Locale } from '@/lib/i18n/locales';
import { findOpenCheckout } from '@/lib/orders';

export const dynamic = 'force-dynamic';
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Meta'))('checkout') };
}

type Props = { params: Promise<{ slug: string }> };

/** Prefill from the Flipkart profile (name, email, mobile: the scopes the customer granted). */
function draftFor(customer: Customer, saved: Record<string, unknown> | null | undefined, lang: Locale): Draft {
  const base: Draft = {
    identifyBy: 'account',
    accountNumber: '',
    cardNumber: '',
    firstName: customer.firstName ?? '',
    lastName: customer.lastName ?? '',
    dateOfBirth: '',
    postalCode: '',
    email: customer.email ?? '',
    mobile: customer.mobile ?? '',
    address1: '',
    address2: '',
    city: '',
    province: '',
    agreeToTerms: false,
    lang,
  };
  if (!saved) return base;
  // Coming back to an open checkout: what the customer last sent (their own data, server-held).
  const out: Draft = { ...base };
  for (const key of Object.keys(base) as (keyof Draft)[]) {
    const v = saved[key];
    if (typeof v === typeof base[key]) (out as Record<string, unknown>)[key] = v;
  }
  return out;
}

export default async function CheckoutPage({ params }: Props) {
  const { slug } = await params;
  const product = await getProductBySlug(slug);
  if (!product || !product.active) notFound();
  const customer = await getCurrentCustomer();
  const open = customer ? await findOpenCheckout(customer.id, product.id) : null;
  const returnTo = `/checkout/${product.slug}`;
  const [t, tt, format, nameOf] = await Promise.all([
    getTranslations('Checkout'),
    getTranslations('Term'),
    getStoreFormat(),
    getProductNamer(),
  ]);
  const name = nameOf(product);
  const amount = format.money(product.priceCents, product.currency);
  const access = format.access(name, product.billingPeriod);

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="space-y-1">
        <Link
          href={`/products/${product.slug}`}
          className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
        >
          ← {name}
        </Link>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
      </div>
      <section aria-label={t('yourOrder')} className="rounded-xl bg-white p-4" data-testid="checkout-summary">
        <p className="flex flex-wrap items-baseline justify-between gap-2 font-semibold">
          <span data-testid="term">{access}</span>
          <span>{amount}</span>
        </p>
        <p className="text-slate-700">{tt('oneOff', { amount })}</p>
        <p className="text-sm text-slate-600">{tt('flexiti')}</p>
        {/* docs/refund-policy.md#refunds: the policy, before the customer confirms. */}
        <p className="text-sm text-slate-600" data-testid="refund-policy">
          {t('refundPolicy', { days: getConfig().returnWindowDays })}
        </p>
      </section>
      {customer ? (
        <LazyCheckoutFlow
          locale={format.locale}
          messages={await clientMessages(['Checkout', 'CheckoutValidation', 'Provinces'])}
          productSlug={product.slug}
          priceCents={product.priceCents}
          paying={tt('paying', { amount, access })}
          widgetOrigin={getConfig().flexiti.widgetOrigin}
          agreementUrl={getConfig().flexiti.agreementUrl}
          initialDraft={draftFor(customer, open?.form, format.locale)}
          initialChoice={(open?.flow ?? 'purchase') as PaymentChoice}
        />
      ) : (
        <section aria-labelledby="sign-in-heading" className="space-y-3 rounded-xl bg-white p-4">
          <h2 id="sign-in-heading" className="text-xl font-semibold">
            {t('signInTitle')}
          </h2>
          <p className="text-slate-700">{t('signInText')}</p>
          <FlipkartSignIn returnTo={returnTo} variant="page" />
        </section>
      )}
    </div>
  );
}
