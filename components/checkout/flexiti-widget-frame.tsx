'use client';

import { useEffect, useRef, useState } from 'react';
import { parseFlexitiWidgetMessage, type FlexitiWidgetEvent, parseWidgetHeight } from '@/lib/partners/flexiti/browser';

/**
 * The Flexiti widget (widget/init's `redirection_url`) in an iframe, and the only listener for
 * its messages. Flexiti posts with target origin `*` (docs/partners/flexiti.md#widget-events), so a message counts only
 * if it comes from FLEXITI_WIDGET_ORIGIN (docs/partners/flexiti.md#widget-events), from this iframe, and has a documented shape.
 * Even then it only tells the server which step to run; it never marks anything paid. The same
 * checks guard the widget's height message, which sizes the iframe so nothing scrolls inside it.
 */
export function FlexitiWidgetFrame({
  url,
  widgetOrigin,
  onEvent,
}: {
  url: string;
  widgetOrigin: string;
  onEvent: (event: FlexitiWidgetEvent) => void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const handler = useRef(onEvent);
  const [height, setHeight] = useState<number | null>(null);
  // The frame is created only in the browser (after widget/init answered), so the page's origin is known.
  const sameOrigin =
    typeof window !== 'undefined' && new URL(url, window.location.href).origin === window.location.origin;
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    function onMessage(e: MessageEvent) {
      if (e.origin !== widgetOrigin) return;
      if (!frame.current || e.source !== frame.current.contentWindow) return;
      const h = parseWidgetHeight(e.data);
      if (h !== null) return setHeight(h);
      const event = parseFlexitiWidgetMessage(e.data);
      if (event) handler.current(event);
    }
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [widgetOrigin]);

  return (
    <iframe
      ref={frame}
      title="Flexiti"
      src={url}
      // The widget's own needs (forms, scripts, its origin's storage, the activation page in a new
      // tab); never navigation of this page. Only for a widget on another origin (Flexiti's): on our
      // own origin (the sandbox widget) scripts plus same-origin could lift any sandbox, so it would
      // protect nothing, and browsers warn about it on every checkout.
      sandbox={
        sameOrigin
          ? undefined
          : 'allow-forms allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox'
      }
      // Until the widget reports its height; the border adds 2 px around the content.
      style={height === null ? undefined : { height: height + 2 }}
      className="h-[760px] w-full rounded-xl border border-slate-300 bg-white"
    />
  );
}
