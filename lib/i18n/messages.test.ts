import { describe, expect, it } from 'vitest';
import en from './messages/en.json';
import fr from './messages/fr.json';
import { CATALOG } from '@/lib/db/catalog-seed';

type Tree = { [key: string]: string | string[] | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string' || Array.isArray(value)) out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

/** ICU arguments ({amount}) and rich-text tags (<when></when>) a message uses. */
const placeholders = (v: string | string[]) =>
  [...String(v).matchAll(/\{(\w+)|<(\w+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

describe('storefront messages', () => {
  const english = leaves(en as Tree);
  const french = leaves(fr as Tree);

  it('French has every English message and nothing else', () => {
    // French also carries the catalog's product copy, which is English in the database.
    const frenchUi = [...french.keys()].filter((k) => !k.startsWith('Products.'));
    expect(frenchUi.sort()).toEqual([...english.keys()].sort());
  });

  it('French has the copy of every seeded product', () => {
    const missing = CATALOG.flatMap((p) =>
      ['tagline', 'description', 'features'].map((f) => `Products.${p.slug}.${f}`).filter((k) => !french.has(k)),
    );
    expect(missing).toEqual([]);
  });

  it('each French message uses the same arguments and tags as its English one', () => {
    const mismatched = [...english].filter(([k, v]) => placeholders(v).join() !== placeholders(french.get(k)!).join());
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});
