/**
 * Runs `work` after `delayMs` and hands its result to `apply`, unless cancelled first. The
 * returned cancel aborts the request through its signal and drops a late answer, so that when
 * inputs change quickly only the answer to the newest input is ever applied (an older request
 * answered last must not overwrite a newer one). Meant for a React effect's cleanup.
 */
export function debouncedLatest<T>(
  work: (signal: AbortSignal) => Promise<T>,
  apply: (result: T | null) => void,
  delayMs: number,
): () => void {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    work(controller.signal).then(
      (result) => {
        if (!controller.signal.aborted) apply(result);
      },
      () => {
        if (!controller.signal.aborted) apply(null);
      },
    );
  }, delayMs);
  return () => {
    clearTimeout(timer);
    controller.abort();
  };
}
