import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// `--expose-gc` set at run time takes effect for contexts made after it: a new context gets `gc`.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full, synchronous garbage collection, so a test measures what is retained rather than
 * whatever garbage the collector has not reached yet.
 */
export function collectGarbage(): void {
  gc();
}
