import { median } from './report';

/** Figures collected per round under a key (`app.rps.catalog`); medians taken at the end. */
export class Samples {
  private readonly byKey = new Map<string, number[]>();

  add(key: string, value: number): void {
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), value]);
  }

  median(key: string): number {
    return median(this.byKey.get(key) ?? []);
  }
}
