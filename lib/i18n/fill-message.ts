/**
 * Client components that need only a handful of plain strings get them from the server as props and
 * fill their `{placeholders}` here, instead of shipping next-intl's client runtime and its message
 * format parser (about 12 KiB gzip) to every page. Only simple arguments: a message with plural or
 * select syntax belongs to a component that uses next-intl.
 */
export type MessageTree = { [key: string]: string | MessageTree };

/** `{name}` → values.name; an ICU-quoted `''` is one apostrophe. A missing value keeps the placeholder. */
export function fillMessage(template: string, values: Record<string, string | number> = {}): string {
  return template
    .replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole))
    .replace(/''/g, "'");
}

/** A translator over one namespace's messages: `t('failure.partner_down')`, `t('share', { list })`. */
export function translatorFor(messages: MessageTree) {
  return (key: string, values?: Record<string, string | number>): string => {
    let node: string | MessageTree | undefined = messages;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? fillMessage(node, values) : key;
  };
}
