import { CallDetails } from '@/components/ops/call-details';
import { ScrollToNewest } from '@/components/ops/scroll-to-newest';
import { SequenceDiagram } from '@/components/ops/sequence-diagram';
import { getConfig } from '@/lib/config';
import { partnerOrigins } from '@/lib/ops/call-log';
import { buildSequenceDiagram } from '@/lib/ops/sequence-diagram';
import type { tourTimeline } from '@/lib/sandbox/demo/timeline';

type Timeline = Awaited<ReturnType<typeof tourTimeline>>;

/** Every partner call since the tour started, as a live sequence diagram, with the redacted calls below it. */
export function LiveDiagram({ timeline: { orderId, calls, events } }: { timeline: Timeline }) {
  const model = buildSequenceDiagram(calls, events);
  return (
    <section
      aria-labelledby="diagram-h"
      className="min-w-0 lg:col-start-2 lg:row-start-2 lg:flex lg:min-h-0 lg:flex-col"
    >
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3">
        <h2 id="diagram-h" className="text-lg font-semibold">
          Live: what the store asked each partner{' '}
          <span className="text-sm font-normal text-slate-600" data-testid="tour-call-count">
            ({calls.length} call{calls.length === 1 ? '' : 's'} since the tour started)
          </span>
        </h2>
        <p className="text-sm text-slate-600" data-testid="tour-order">
          {orderId ? (
            <>
              Order <span className="font-mono">{orderId}</span>: its calls, OMS reports and OpenTV&apos;s callback.
            </>
          ) : (
            'No order yet: the sign-in calls so far.'
          )}
        </p>
      </div>
      <ScrollToNewest
        count={model.steps.length}
        label="Live sequence diagram, newest at the bottom"
        className="max-h-[65vh] lg:max-h-none lg:min-h-[200px] lg:flex-1"
      >
        <SequenceDiagram model={model} title="Live sequence diagram of the demo" />
      </ScrollToNewest>
      <details className="mt-2 rounded-lg border border-slate-200 bg-white px-2 py-1 text-sm lg:max-h-[40%] lg:shrink-0 lg:overflow-auto">
        <summary className="cursor-pointer font-semibold">Requests and responses (redacted)</summary>
        <div className="mt-2">
          <CallDetails calls={calls} origins={partnerOrigins(getConfig())} backTo="#diagram-h" />
        </div>
      </details>
    </section>
  );
}
