/**
 * A stand-in for something a suite's `beforeAll` opens: suites hold it from the start and use it as
 * the thing itself (`db.query(…)`, `h.call(…)`) once it is open.
 */
export function openedLater<T extends object>(what: string): { value: T; open(actual: T): void } {
  let actual: T | null = null;
  const value = new Proxy({} as T, {
    get(_, member) {
      if (!actual) throw new Error(`${what} is not open (used outside a test, or on a skipped backend?)`);
      return Reflect.get(actual, member);
    },
    has(_, member) {
      return actual !== null && Reflect.has(actual, member);
    },
  });
  return {
    value,
    open(opened) {
      actual = opened;
    },
  };
}
