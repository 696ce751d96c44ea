/** One provider request's entry: settle it with the vectors (in key order) or an error, forget it once cached. */
export interface Flight {
  settle(result: number[][] | Error): void;
  forget(): void;
}

/**
 * Vectors some call in this process is fetching, by cache key, so that concurrent calls for the same
 * texts (the parse stage's prefetch and the embed stage) share one provider request.
 */
export class InFlightEmbeddings {
  private readonly pending = new Map<string, Promise<number[]>>();

  get(key: string): Promise<number[]> | undefined {
    return this.pending.get(key);
  }

  /**
   * Lists `keys` as being fetched from now on. An error settles joiners with a rejection (they then
   * ask for those texts themselves) and forgets the keys; vectors stay listed until `forget`, which
   * the caller calls once they are in the cache, so a caller never falls between the two.
   */
  begin(keys: string[]): Flight {
    let resolve!: (v: number[][]) => void;
    let reject!: (err: Error) => void;
    const all = new Promise<number[][]>((res, rej) => ((resolve = res), (reject = rej)));
    all.catch(() => undefined);
    const mine = keys.map((key, i) => {
      const one = all.then((v) => v[i]);
      one.catch(() => undefined);
      this.pending.set(key, one);
      return [key, one] as const;
    });
    let settled = false;
    const forget = () => {
      for (const [key, one] of mine) if (this.pending.get(key) === one) this.pending.delete(key);
    };
    return {
      settle: (result) => {
        if (settled) return;
        settled = true;
        if (result instanceof Error) {
          reject(result);
          forget();
        } else resolve(result);
      },
      forget,
    };
  }
}
