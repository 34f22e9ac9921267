'use client';

import { useEffect, useState } from 'react';
import { parseWidgetHeight } from '@/lib/partners/flexiti/browser';

/**
 * Lists what the framed widget posts (any origin is shown, with its origin, for inspection), but
 * not its height reports, which only size the frame.
 */
export function MessageLog() {
  const [messages, setMessages] = useState<{ origin: string; data: unknown }[]>([]);
  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (parseWidgetHeight(e.data) === null) setMessages((m) => [...m, { origin: e.origin, data: e.data }]);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return (
    <section aria-labelledby="received-title">
      <h2 id="received-title" className="font-semibold">
        Received messages
      </h2>
      <ol role="log" aria-label="Received messages" className="space-y-2">
        {messages.map((m, i) => (
          <li key={i}>
            <pre data-testid="received-message" className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">
              {JSON.stringify(m)}
            </pre>
          </li>
        ))}
      </ol>
    </section>
  );
}
