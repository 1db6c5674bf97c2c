/**
 * A loader whose result is kept for `ms` milliseconds (per process), with one load at a time: for the parts of
 * public pages that many visitors see at once and that change rarely (the home page's sections), so that a busy
 * home page does not query the database on every request. What changes shows within `ms`.
 */
export function cachedFor<T>(ms: number, load: () => Promise<T>, now: () => number = Date.now): () => Promise<T> {
  let value: { at: number; data: T } | null = null;
  let loading: Promise<T> | null = null;
  return () => {
    if (value && now() - value.at < ms) return Promise.resolve(value.data);
    loading ??= load()
      .then((data) => {
        value = { at: now(), data };
        return data;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };
}
