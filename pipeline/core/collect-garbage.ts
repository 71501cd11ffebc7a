import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, now. The runner calls it between stages: a JavaScript stage leaves hundreds of MiB
 * of Buffers behind (the ingest's landing windows), and the DuckDB stages that follow allocate outside V8's
 * heap, so V8 would see no reason to collect and the garbage would add to the run's peak RSS (2,165 MiB against
 * 1,877 MiB with the collection, for 1M events). Without `--expose-gc` the function is obtained the documented way
 * round: the flag, then a fresh context, which is given `gc`. Where even that fails, this does nothing.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') {
      collect = exposed;
    } else {
      try {
        setFlagsFromString('--expose-gc');
        const fromContext: unknown = runInNewContext('gc');
        collect = typeof fromContext === 'function' ? (fromContext as () => void) : null;
      } catch {
        collect = null;
      }
    }
  }
  collect?.();
}
