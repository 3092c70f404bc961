// Group commit: requests that arrive together are written together, in one transaction,
// and each caller is answered only after that commit. Under load a batch forms while the
// previous ones are being written; alone, a request waits one turn of the event loop.

export interface BatcherOptions {
  /** Most items in one batch. */
  maxBatch: number;
  /** Most batches being written at once (each holds one database connection). */
  maxInFlight: number;
}

/** Processes a batch; returns one result per item, in order: a value, or the Error for that item. */
export type BatchProcessor<I, O> = (items: I[]) => Promise<Array<O | Error>>;

interface Pending<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

export interface Batcher<I, O> {
  submit(item: I): Promise<O>;
}

export function createBatcher<I, O>(process: BatchProcessor<I, O>, options: BatcherOptions): Batcher<I, O> {
  let queue: Pending<I, O>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const run = async (batch: Pending<I, O>[]) => {
    inFlight++;
    try {
      const results = await process(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => {
        const result = results[index];
        if (result instanceof Error) pending.reject(result);
        else pending.resolve(result as O);
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      inFlight--;
      flush();
    }
  };

  const flush = () => {
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      void run(batch);
    }
  };

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // let the requests read in this turn of the event loop join the batch
          setImmediate(() => {
            scheduled = false;
            flush();
          });
        }
      });
    },
  };
}
