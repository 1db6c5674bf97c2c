import { cachedFor } from './cached';

describe('cachedFor', () => {
  it('loads once for concurrent callers, keeps the result for its time, then loads again; a failure is not kept', async () => {
    let clock = 0;
    let loads = 0;
    let fail = false;
    const get = cachedFor(
      5000,
      async () => {
        loads++;
        if (fail) throw new Error('database away');
        return loads;
      },
      () => clock,
    );
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    clock = 4999;
    expect(await get()).toBe(1);
    clock = 5000;
    fail = true;
    await expect(get()).rejects.toThrow('database away');
    fail = false;
    expect(await get()).toBe(3);
    expect(loads).toBe(3);
  });
});
