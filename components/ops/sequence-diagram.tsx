import { sinceStart, type SequenceDiagramModel } from '@/lib/ops/sequence-diagram';

/**
 * The partner timeline as a server-rendered SVG sequence diagram (no script, no remote code).
 * One lane per party; each call an arrow labelled method + path with the answer (status,
 * latency) on the dashed return arrow; failures in red. Each call arrow links to its redacted
 * request and response (`#call-<id>`, rendered by CallDetails below the diagram). The lane names
 * are a separate strip that stays at the top of the scrolling box around the diagram (sticky),
 * and the left margin marks each arrow with the time since the first one.
 */
const LANE_W = 150;
/** The lane names' strip (its own SVG, so it can stay in view while the arrows scroll). */
const HEAD = 44;
const TOP = 12;
const ROW = 52;
const EVENT_ROW = 34;
const RED = '#b91c1c';
const INK = '#1e293b';
const OK_RETURN = '#15803d';

const LANE_COLORS: Record<string, string> = {
  customer: '#475569',
  storefront: '#2457d6',
  flipkart: '#2874f0',
  flexiti: '#7c3aed',
  opentv: '#0f766e',
};

/** Each step's top edge (calls are taller than state notes) and the drawing's height. */
function layoutRows(model: SequenceDiagramModel) {
  const rows: { s: SequenceDiagramModel['steps'][number]; top: number }[] = [];
  let y = TOP + 16;
  for (const s of model.steps) {
    rows.push({ s, top: y });
    y += s.kind === 'call' ? ROW : EVENT_ROW;
  }
  return { rows, height: Math.max(y + 12, TOP + 64) };
}

export function SequenceDiagram({ model, title }: { model: SequenceDiagramModel; title: string }) {
  const laneX = Object.fromEntries(model.lanes.map((l, i) => [l.id, LANE_W / 2 + i * LANE_W]));
  const width = model.lanes.length * LANE_W;
  const { rows, height } = layoutRows(model);

  const start = model.steps[0]?.at ?? 0;
  const svgProps = {
    viewBox: `0 0 ${width}`,
    width: '100%',
    style: { minWidth: 640, display: 'block' },
    xmlns: 'http://www.w3.org/2000/svg',
    fontFamily: 'ui-sans-serif, system-ui, sans-serif',
  } as const;

  return (
    <figure className="rounded-lg border border-slate-200 bg-white">
      {/* Sticky inside the scrolling box that holds the diagram: the arrows never lose their lanes. */}
      <div className="sticky top-0 z-10 rounded-t-lg border-b border-slate-200 bg-white" aria-hidden="true">
        <svg {...svgProps} viewBox={`0 0 ${width} ${HEAD}`} data-testid="diagram-lanes">
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
      <svg
        {...svgProps}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={title}
        data-testid="sequence-diagram"
      >
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
          if (s.kind === 'event') {
            if (s.from === s.to) {
              return (
                <g key={`e${s.eventId}`}>
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
              <g key={`e${s.eventId}`} data-testid="diagram-event" data-from={s.from}>
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
          const color = s.failed ? RED : INK;
          const back = s.failed ? RED : OK_RETURN;
          const dir = x2 > x1 ? 1 : -1;
          return (
            <a
              key={`c${s.callId}`}
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
