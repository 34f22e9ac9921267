'use client';

import { useEffect, useRef, useState } from 'react';
import { widgetEventAction, type WidgetEventActionResult } from './actions';
import type { FlexitiWidgetEvent } from '@/lib/partners/flexiti/browser';

export type WidgetWindow = { orderId: string; url: string; deadline: number; warnBefore: number };
export type WidgetAnswer = WidgetEventActionResult | { ok: false; kind: 'invalid' };

/**
 * docs/partners/flexiti.md#flow-token: the widget works only while the flow's token lives. Warn
 * this long before it runs out (half the life for short test tokens).
 */
const warnBeforeMs = (lifeMs: number) => Math.min(3 * 60_000, lifeMs / 2);

/**
 * The open Flexiti window of a checkout: its order and deadline, the widget's answers sent to the
 * server one at a time, and the flow's time (docs/partners/flexiti.md#flow-token): a warning
 * before it runs out; at the end, unless the widget's answer is being checked, the window closes
 * and the server records the time-out as the widget would (a failure with status 401): "timed
 * out, nothing charged, start again".
 */
export function useWidgetWindow({
  onOutcome,
  onUnreachable,
}: {
  onOutcome: (orderId: string, r: WidgetAnswer) => void;
  onUnreachable: () => void;
}) {
  const [widget, setWidget] = useState<WidgetWindow | null>(null);
  const [checking, setChecking] = useState(false);
  // The same, for timers set before it changed.
  const checkingRef = useRef(false);
  /** Minutes left when the time warning showed, for the window with that deadline. */
  const [timeWarning, setTimeWarning] = useState<{ deadline: number; minutes: number } | null>(null);

  // The frame keeps the latest handler in a ref, so a plain function is enough here.
  function onWidgetEvent(event: FlexitiWidgetEvent) {
    if (!widget || checkingRef.current) return;
    const { orderId } = widget;
    checkingRef.current = true;
    setChecking(true);
    void widgetEventAction({ orderId, event })
      .then((r) => onOutcome(orderId, r))
      .catch(onUnreachable)
      .finally(() => {
        checkingRef.current = false;
        setChecking(false);
      });
  }

  const timeUp = useRef(onWidgetEvent);
  useEffect(() => {
    timeUp.current = onWidgetEvent;
  });
  useEffect(() => {
    if (!widget) return;
    const left = () => widget.deadline - Date.now();
    const warn = setTimeout(
      () => setTimeWarning({ deadline: widget.deadline, minutes: Math.max(1, Math.ceil(left() / 60_000)) }),
      Math.max(0, left() - widget.warnBefore),
    );
    const end = setTimeout(
      () =>
        timeUp.current({
          eventType: 'flx-failure',
          eventData: { error: 401, message: 'The Flexiti session timed out' },
        }),
      Math.max(0, left()),
    );
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [widget]);

  return {
    widget,
    checking,
    /** The warning's minutes, while it concerns the open window. */
    warningMinutes: widget && timeWarning?.deadline === widget.deadline ? timeWarning.minutes : null,
    onWidgetEvent,
    open(orderId: string, url: string, lifeMs: number) {
      setWidget({ orderId, url, deadline: Date.now() + lifeMs, warnBefore: warnBeforeMs(lifeMs) });
    },
    close: () => setWidget(null),
  };
}
