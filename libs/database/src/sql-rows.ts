/** The rows of `manager.query()`: TypeORM returns [rows, count] for UPDATE and DELETE, the rows otherwise. */
export function rowsOf<T>(raw: unknown): T[] {
  if (Array.isArray(raw) && raw.length === 2 && Array.isArray(raw[0]) && typeof raw[1] === 'number') return raw[0] as T[];
  return raw as T[];
}
