import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getConfig } from '@/lib/config';
import { BRAND } from '@/lib/brand';
import { findPersona, PERSONAS, SHEET_PERSONA_COOKIE } from '@/lib/sandbox/ultra/personas';
import { ConsentSheet } from './consent-sheet';
import type { SheetPersona, SheetScope } from './consent-model';
import { SHEET_MESSAGES, sheetLang } from './messages';

export const dynamic = 'force-dynamic';
type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ searchParams }: { searchParams: Search }): Promise<Metadata> {
  const lang = sheetLang(one((await searchParams).lang));
  return { title: SHEET_MESSAGES[lang].pageTitle, robots: { index: false } };
}

/** docs/partners/ultra.md#get-token: what `getToken` sends over the bridge, `JSON.stringify(ScopeAccessRequest[])`. */
const scopeRequests = z
  .array(
    z.object({ scope: z.string().min(1), isMandatory: z.boolean().optional(), shouldVerify: z.boolean().optional() }),
  )
  .min(1);

function parseScopes(raw: string | undefined): SheetScope[] | null {
  try {
    const parsed = scopeRequests.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data.map((s) => ({ scope: s.scope, mandatory: s.isMandatory ?? false })) : null;
  } catch {
    return null;
  }
}

/**
 * Who may read the answer: the page that opened the sheet is this app's own (the sandbox inside
 * the store), or the store the sandbox serves from another origin (SANDBOX_STORE_URL).
 */
function parentOrigins(): string[] {
  const { appUrl, sandboxStoreUrl } = getConfig();
  return [...new Set([new URL(appUrl).origin, new URL(sandboxStoreUrl).origin])];
}

/**
 * The sandbox's stand-in for Flipkart's native permission bottom sheet (docs/partners/ultra.md#scope-shapes
 * "The permission sheet", docs/partners/ultra.md#native-bridge), opened in a frame by the simulated bridge. Sandbox mode only.
 */
export default async function ConsentPage({ searchParams }: { searchParams: Search }) {
  if (!getConfig().sandbox) notFound();
  const q = await searchParams;
  const personas: SheetPersona[] = PERSONAS.map((p) => ({
    id: p.id,
    label: p.label,
    summary: p.summary,
    name: p.name ? `${p.name.firstName} ${p.name.lastName}` : null,
    mobile: p.mobile,
    email: p.email,
    deniesScopes: p.deniesScopes,
  }));
  return (
    <>
      {/* The frame is transparent so the partner page shows through the dimmed backdrop. */}
      <style>{'html,body{background:transparent!important}'}</style>
      <ConsentSheet
        lang={sheetLang(one(q.lang))}
        appName={BRAND.name}
        requestId={one(q.requestId) ?? ''}
        clientId={one(q.clientId) ?? ''}
        scopes={parseScopes(one(q.scopes))}
        personas={personas}
        parentOrigins={parentOrigins()}
        initialPersonaId={findPersona((await cookies()).get(SHEET_PERSONA_COOKIE)?.value ?? '')?.id}
      />
    </>
  );
}
