import type { SequenceDiagramModel } from '@/lib/ops/sequence-diagram';

/** The sequence diagram's measures and colours (components/ops/sequence-diagram.tsx and its steps). */
export const LANE_W = 150;
/** The lane names' strip (its own SVG, so it can stay in view while the arrows scroll). */
export const HEAD = 44;
export const TOP = 12;
export const ROW = 52;
const EVENT_ROW = 34;
export const RED = '#b91c1c';
export const INK = '#1e293b';
export const OK_RETURN = '#15803d';

export const LANE_COLORS: Record<string, string> = {
  customer: '#475569',
  storefront: '#2457d6',
  flipkart: '#2874f0',
  flexiti: '#7c3aed',
  opentv: '#0f766e',
};

/** Each step's top edge (calls are taller than state notes) and the drawing's height. */
export function layoutRows(model: SequenceDiagramModel) {
  const rows: { s: SequenceDiagramModel['steps'][number]; top: number }[] = [];
  let y = TOP + 16;
  for (const s of model.steps) {
    rows.push({ s, top: y });
    y += s.kind === 'call' ? ROW : EVENT_ROW;
  }
  return { rows, height: Math.max(y + 12, TOP + 64) };
}
