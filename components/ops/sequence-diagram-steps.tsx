import type { DiagramStep } from '@/lib/ops/sequence-diagram';
import { INK, OK_RETURN, RED, ROW } from './sequence-diagram-layout';

/**
 * One row of the sequence diagram (components/ops/sequence-diagram.tsx): a state change (a note on
 * one lane, or an arrow between two) or a partner call (the request arrow, the dashed answer, a
 * link to its redacted request and response). `top` is the row's top edge, `x1`/`x2` its lanes.
 */
type Row<K extends DiagramStep['kind']> = { s: Extract<DiagramStep, { kind: K }>; top: number; x1: number; x2: number };

/** A state change: a note when it stays on one lane, else an arrow (thicker from the storefront than from the customer). */
export function EventStep({ s, top, x1, x2 }: Row<'event'>) {
  if (s.from === s.to) {
    return (
      <g>
        <title>{s.description}</title>
        <rect x={x1 - 70} y={top} width={140} height={22} rx={4} fill="#fef9c3" stroke="#ca8a04" />
        <text x={x1} y={top + 15} textAnchor="middle" fontSize="11" fill={INK}>
          {s.label.length > 24 ? `${s.label.slice(0, 23)}…` : s.label}
        </text>
      </g>
    );
  }
  const edir = x2 > x1 ? 1 : -1;
  return (
    <g data-testid="diagram-event" data-from={s.from}>
      <title>{s.description}</title>
      <line
        x1={x1}
        x2={x2 - edir * 2}
        y1={top + 16}
        y2={top + 16}
        stroke={INK}
        strokeWidth={s.from === 'customer' ? 1 : 2}
        markerEnd={`url(#arrow-${INK.slice(1)})`}
      />
      <text x={(x1 + x2) / 2} y={top + 10} textAnchor="middle" fontSize="11" fill={INK}>
        {s.label}
      </text>
    </g>
  );
}

/** A partner call, linked to `#call-<id>` (rendered by CallDetails below the diagram); failures in red. */
export function CallStep({ s, top, x1, x2 }: Row<'call'>) {
  const color = s.failed ? RED : INK;
  const back = s.failed ? RED : OK_RETURN;
  const dir = x2 > x1 ? 1 : -1;
  return (
    <a
      href={`#call-${s.callId}`}
      // The name is the arrow's visible text; the sentence in <title> is its description.
      aria-label={s.label}
      data-testid="diagram-call"
      data-failed={s.failed ? 'true' : 'false'}
    >
      <title>{s.description}</title>
      {/* A wide transparent target, so the arrow is easy to hit on a phone. */}
      <rect x={Math.min(x1, x2)} y={top} width={Math.abs(x2 - x1)} height={ROW - 6} fill="transparent" />
      <text
        x={x1 + dir * 6}
        y={top + 11}
        textAnchor={dir > 0 ? 'start' : 'end'}
        fontSize="11"
        fontWeight="600"
        fill={color}
        stroke="#fff"
        strokeWidth="3"
        paintOrder="stroke"
      >
        {s.request}
      </text>
      <line
        x1={x1}
        x2={x2 - dir * 2}
        y1={top + 17}
        y2={top + 17}
        stroke={color}
        strokeWidth={s.failed ? 2 : 1.5}
        markerEnd={`url(#arrow-${color.slice(1)})`}
      />
      <line
        x1={x2}
        x2={x1 + dir * 2}
        y1={top + 33}
        y2={top + 33}
        stroke={back}
        strokeDasharray="5 3"
        markerEnd={`url(#arrow-${back.slice(1)})`}
      />
      <text
        x={x2 - dir * 6}
        y={top + 46}
        textAnchor={dir > 0 ? 'end' : 'start'}
        fontSize="11"
        fill={back}
        fontWeight={s.failed ? 700 : 400}
        stroke="#fff"
        strokeWidth="3"
        paintOrder="stroke"
      >
        {s.response}
      </text>
    </a>
  );
}
