/** Lengths of time for moving a test's clock. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The domain error a call is refused with: its code. Fails when the call is not refused. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  return (await refusedFields(p)).code;
}

/** The domain error a call is refused with: its code and each problem as `field:code`. Fails when it is not refused. */
export async function refusedFields(p: Promise<unknown>): Promise<{ code: string; fields: string[] }> {
  try {
    await p;
  } catch (err) {
    const e = err as { code?: string; fields?: Array<{ field: string; code: string }> };
    if (typeof e.code !== 'string') throw err;
    return { code: e.code, fields: (e.fields ?? []).map((f) => `${f.field}:${f.code}`) };
  }
  throw new Error('not refused');
}
