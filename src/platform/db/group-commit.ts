/**
 * Group commit: items that arrive while a write is in flight gather, and the next write stores up to `max` of
 * them in one transaction — one BEGIN/COMMIT and multi-row statements instead of a round trip per item and
 * statement, which is what bounds a busy intake on a database behind a network socket. Each caller's promise
 * settles only after its batch committed (or with its own refusal): what is acknowledged is stored. When a
 * batch fails as a whole, its items are written one by one, so one bad item never fails the others.
 */

/** The writer's answer per item, in order: its result, or an Error that refuses that item alone. */
export type BatchWriter<I, O> = (batch: readonly I[]) => Promise<(O | Error)[]>;

interface Waiting<I, O> {
  item: I;
  resolve: (o: O) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<I, O> {
  private pending: Waiting<I, O>[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly write: BatchWriter<I, O>,
    private readonly max = 100,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.running ??= this.run();
    });
  }

  private async run(): Promise<void> {
    // Let the items submitted in the same turn join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length) await this.writeBatch(this.pending.splice(0, this.max));
    this.running = null;
  }

  private async writeBatch(batch: Waiting<I, O>[]): Promise<void> {
    let results: (O | Error)[];
    try {
      results = await this.write(batch.map((w) => w.item));
    } catch (e) {
      if (batch.length === 1) return batch[0]!.reject(e);
      for (const w of batch) await this.writeBatch([w]);
      return;
    }
    batch.forEach((w, i) => {
      const r = results[i];
      if (r instanceof Error) w.reject(r);
      else w.resolve(r as O);
    });
  }
}
