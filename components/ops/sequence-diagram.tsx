import { sinceStart, type SequenceDiagramModel } from '@/lib/ops/sequence-diagram';
import { HEAD, INK, LANE_COLORS, LANE_W, OK_RETURN, RED, TOP, layoutRows } from './sequence-diagram-layout';
import { CallStep, EventStep } from './sequence-diagram-steps';

/**
 * The partner timeline as a server-rendered SVG sequence diagram (no script, no remote code).
 * One lane per party; each call an arrow labelled method + path with the answer (status,
 * latency) on the dashed return arrow; failures in red. Each call arrow links to its redacted
 * request and response (`#call-<id>`, rendered by CallDetails below the diagram). The lane names
 * are a separate strip that stays at the top of the scrolling box around the diagram (sticky),
 * and the left margin marks each arrow with the time since the first one. The rows are drawn by
 * sequence-diagram-steps.tsx, laid out by sequence-diagram-layout.ts.
 */

const SVG = {
  width: '100%',
  style: { minWidth: 640, display: 'block' },
  xmlns: 'http://www.w3.org/2000/svg',
  fontFamily: 'ui-sans-serif, system-ui, sans-serif',
} as const;

/** The lane names, sticky inside the scrolling box that holds the diagram: the arrows never lose their lanes. */
function LaneStrip({
  model,
  laneX,
  width,
}: {
  model: SequenceDiagramModel;
  laneX: Record<string, number>;
  width: number;
}) {
  return (
    <div className="sticky top-0 z-10 rounded-t-lg border-b border-slate-200 bg-white" aria-hidden="true">
      <svg viewBox={`0 0 ${width} ${HEAD}`} {...SVG} data-testid="diagram-lanes">
        {model.lanes.map((l) => (
          <g key={l.id}>
            <rect x={laneX[l.id]! - 62} y={7} width={124} height={30} rx={8} fill={LANE_COLORS[l.id]} />
            <text x={laneX[l.id]} y={27} textAnchor="middle" fontSize="13" fontWeight="600" fill="#fff">
              {l.label}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}

/** One arrowhead per colour, referenced by `url(#arrow-<hex>)`. */
function ArrowMarkers() {
  return (
    <defs>
      {[INK, RED, OK_RETURN].map((c) => (
        <marker
          key={c}
          id={`arrow-${c.slice(1)}`}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill={c} />
        </marker>
      ))}
    </defs>
  );
}

export function SequenceDiagram({ model, title }: { model: SequenceDiagramModel; title: string }) {
  const laneX: Record<string, number> = Object.fromEntries(model.lanes.map((l, i) => [l.id, LANE_W / 2 + i * LANE_W]));
  const width = model.lanes.length * LANE_W;
  const { rows, height } = layoutRows(model);
  const start = model.steps[0]?.at ?? 0;

  return (
    <figure className="rounded-lg border border-slate-200 bg-white">
      <LaneStrip model={model} laneX={laneX} width={width} />
      <svg viewBox={`0 0 ${width} ${height}`} {...SVG} role="group" aria-label={title} data-testid="sequence-diagram">
        <ArrowMarkers />
        {model.lanes.map((l) => (
          <line
            key={l.id}
            aria-hidden="true"
            x1={laneX[l.id]}
            x2={laneX[l.id]}
            y1={0}
            y2={height - 4}
            stroke="#cbd5e1"
            strokeDasharray="4 4"
          />
        ))}
        {rows.map(({ s, top }) => (
          <text
            key={`t${s.kind}${s.kind === 'call' ? s.callId : s.eventId}`}
            aria-hidden="true"
            x={4}
            y={top + (s.kind === 'call' ? 21 : 15)}
            fontSize="10"
            fill="#475569"
            data-testid="diagram-time"
          >
            {sinceStart(s.at - start)}
          </text>
        ))}
        {rows.map(({ s, top }) => {
          const x1 = laneX[s.from]!;
          const x2 = laneX[s.to]!;
          return s.kind === 'event' ? (
            <EventStep key={`e${s.eventId}`} s={s} top={top} x1={x1} x2={x2} />
          ) : (
            <CallStep key={`c${s.callId}`} s={s} top={top} x1={x1} x2={x2} />
          );
        })}
        {model.steps.length === 0 ? (
          <text x={width / 2} y={TOP + 36} textAnchor="middle" fontSize="13" fill="#475569">
            No partner calls yet.
          </text>
        ) : null}
      </svg>
      <figcaption className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        Solid arrow: our request (method and path). Dashed arrow: the answer (status, time; “× 3”: the same failure
        three times in a row; “try 2”: the client&apos;s own retry). Left margin: time since the first arrow.{' '}
        <span className="font-semibold text-red-700">Red: failed.</span> Select an arrow for the redacted request and
        response.
      </figcaption>
    </figure>
  );
}
