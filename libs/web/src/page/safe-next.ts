/**
 * A `next` parameter made safe: only a path on this site ("/…"), never another origin ("//evil", "/\\evil",
 * "https://…"), no control characters, at most 2,000 characters. Anything else gives `fallback`.
 */
export function safeNext(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  try {
    // Resolved against a dummy origin, the path must stay on it (catches encoded tricks such as "/%2F%2Fevil").
    const url = new URL(next, 'http://civitas.invalid');
    if (url.origin !== 'http://civitas.invalid') return fallback;
    if (decodeURIComponent(url.pathname).startsWith('//')) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
