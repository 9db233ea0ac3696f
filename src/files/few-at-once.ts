/**
 * `work` for each item, at most `atOnce` at a time, in order of starting: enough to keep the
 * disk and libuv's threads busy, few enough that only a handful of items are held at once.
 * Resolves to each item's result, in the items' order; an item that `stop()` kept from starting
 * has none. After a failure, or once `stop()` says so, no new item starts; the first failure is
 * thrown only when no work is under way any more, so nothing is still writing when the caller
 * cleans up.
 */
export async function fewAtOnce<T, R>(items: readonly T[], atOnce: number, work: (item: T, index: number) => Promise<R>, stop: () => boolean = () => false): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && !stop() && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = await Promise.allSettled(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  const failure = workers.find((settled): settled is PromiseRejectedResult => settled.status === "rejected");
  if (failure) throw failure.reason;
  return results;
}
