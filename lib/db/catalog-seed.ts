import type { NewProductRow } from './schema';

type SeedProduct = Omit<NewProductRow, 'id' | 'currency' | 'sortOrder' | 'createdAt' | 'updatedAt'>;

/** The seeded catalog: streaming plans and add-ons. OpenTV product ids follow `{providerId}_{resource}` (docs/partners/opentv.md#create-entitlement). */
export const CATALOG: SeedProduct[] = [
  {
    slug: 'mobile-monthly',
    name: 'Mobile',
    tagline: 'Stream on your phone, anywhere.',
    description:
      'Every series, film and live channel on one mobile device in HD (720p). Perfect for the commute. Cancel within the return window for a full refund.',
    kind: 'plan',
    priceCents: 499,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_MOBILE_MONTHLY',
    image: '/products/mobile-monthly.svg',
    features: ['1 mobile device', 'HD 720p', 'Downloads on mobile'],
  },
  {
    slug: 'super-monthly',
    name: 'Super',
    tagline: 'Full HD on two screens.',
    description:
      'The whole catalogue in Full HD (1080p) on any two devices at once: phone, tablet, laptop or TV. The family favourite.',
    kind: 'plan',
    priceCents: 999,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_SUPER_MONTHLY',
    image: '/products/super-monthly.svg',
    features: ['2 devices at once', 'Full HD 1080p', 'TV and laptop'],
  },
  {
    slug: 'premium-monthly',
    name: 'Premium',
    tagline: '4K, Dolby Atmos, four screens, no ads.',
    description:
      'Our best picture and sound: 4K Ultra HD with Dolby Vision and Dolby Atmos on up to four devices, with no ads on any title.',
    kind: 'plan',
    priceCents: 1499,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_PREMIUM_MONTHLY',
    image: '/products/premium-monthly.svg',
    features: ['4 devices at once', '4K + Dolby Atmos', 'Ad-free'],
  },
  {
    slug: 'premium-annual',
    name: 'Premium Annual',
    tagline: 'Premium for a year: two months free.',
    description:
      'Everything in Premium for a whole year, in one payment: twelve months of 4K streaming for the price of ten.',
    kind: 'plan',
    priceCents: 14999,
    billingPeriod: 'year',
    opentvProductId: 'hotstar_PREMIUM_ANNUAL',
    image: '/products/premium-annual.svg',
    features: ['4 devices at once', '4K + Dolby Atmos', '2 months free'],
  },
  {
    slug: 'live-sports',
    name: 'Live Sports',
    tagline: 'Every match, live and in HD.',
    description:
      'Add live cricket, football and F1 to any plan, with multi-angle replays and match highlights minutes after the final whistle.',
    kind: 'addon',
    priceCents: 699,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_ADDON_SPORTS',
    image: '/products/live-sports.svg',
    features: ['Live cricket and football', 'Multi-angle replays', 'Works with any plan'],
  },
  {
    slug: 'kids-family',
    name: 'Kids & Family',
    tagline: 'A safe space for young viewers.',
    description:
      'Hand-picked cartoons, learning shows and family films in a kid-safe profile with screen-time controls and no ads.',
    kind: 'addon',
    priceCents: 299,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_ADDON_KIDS',
    image: '/products/kids-family.svg',
    features: ['Kid-safe profile', 'Screen-time controls', 'No ads'],
  },
  {
    slug: 'regional-cinema',
    name: 'Regional Cinema',
    tagline: 'Blockbusters in eight languages.',
    description:
      'New releases and classics in Tamil, Telugu, Malayalam, Kannada, Bengali, Marathi, Punjabi and Gujarati, with subtitles in English and French.',
    kind: 'addon',
    priceCents: 399,
    billingPeriod: 'month',
    opentvProductId: 'hotstar_ADDON_REGIONAL',
    image: '/products/regional-cinema.svg',
    features: ['8 languages', 'New releases monthly', 'English and French subtitles'],
  },
];
