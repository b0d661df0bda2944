// Counters and histograms of the request path, kept as plain numbers per label set and read by
// prom-client only when scraped. prom-client hashes the label object on every inc/observe, even
// through a child from labels(): six of those per request cost more than the rest of the meter.
// Here a request adds to cells it already holds. Registered on a prom-client Registry, they render
// and aggregate across workers like its own metrics (same `get()` shape, aggregator "sum").
import type { Metric, Registry } from "prom-client";

type Labels = Readonly<Record<string, string>>;
type Value = { labels: Record<string, string | number>; value: number; metricName?: string };

export type CounterCell = { value: number };
export type HistogramCell = { observe(v: number): void };

abstract class Series<Cell> {
  protected readonly cells = new Map<string, { labels: Labels; cell: Cell }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: "counter" | "histogram",
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  readonly aggregator = "sum";

  protected abstract make(): Cell;
  /** Whether the cell has counted anything: untouched cells are not rendered, as with prom-client. */
  protected abstract touched(cell: Cell): boolean;
  protected abstract values(labels: Labels, cell: Cell): Value[];

  /** The cell of one label set, made on first use (a series appears once it has a value). Callers keep it. */
  cell(labels: Labels): Cell {
    const id = JSON.stringify(labels);
    let found = this.cells.get(id);
    if (!found) this.cells.set(id, (found = { labels, cell: this.make() }));
    return found.cell;
  }

  /** Forgets every series (cells already handed out keep counting, unseen). */
  reset(): void {
    this.cells.clear();
  }

  async get() {
    const values = [...this.cells.values()].flatMap(({ labels, cell }) => (this.touched(cell) ? this.values(labels, cell) : []));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export class CounterSeries extends Series<CounterCell> {
  constructor(name: string, help: string, registry: Registry) {
    super(name, help, "counter", registry);
  }

  protected make(): CounterCell {
    return { value: 0 };
  }

  protected touched(cell: CounterCell): boolean {
    return cell.value !== 0;
  }

  protected values(labels: Labels, cell: CounterCell): Value[] {
    return [{ labels: { ...labels }, value: cell.value }];
  }
}

class Histogram implements HistogramCell {
  /** Non-cumulative counts per bucket, the last one for values above every bound. */
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(v: number): void {
    let i = 0;
    while (i < this.bounds.length && v > this.bounds[i]!) i++;
    this.counts[i]!++;
    this.sum += v;
    this.count++;
  }
}

export class HistogramSeries extends Series<Histogram> {
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
    registry: Registry,
  ) {
    super(name, help, "histogram", registry);
  }

  protected make(): Histogram {
    return new Histogram(this.bounds);
  }

  protected touched(h: Histogram): boolean {
    return h.count > 0;
  }

  protected values(labels: Labels, h: Histogram): Value[] {
    let cumulative = 0;
    const buckets: Value[] = this.bounds.map((le, i) => {
      cumulative += h.counts[i]!;
      return { labels: { le, ...labels }, value: cumulative, metricName: `${this.name}_bucket` };
    });
    return [
      ...buckets,
      { labels: { le: "+Inf", ...labels }, value: h.count, metricName: `${this.name}_bucket` },
      { labels: { ...labels }, value: h.sum, metricName: `${this.name}_sum` },
      { labels: { ...labels }, value: h.count, metricName: `${this.name}_count` },
    ];
  }
}
