/**
 * Reloads the FAQ on SIGHUP (`kill -HUP <pid>`), the Unix convention for "re-read your configuration",
 * for hosts where file watching is off or unreliable (network file systems). Returns a function that
 * removes the handler.
 */
export function reloadOnSignal(reload: (trigger: string) => unknown, signal: NodeJS.Signals = 'SIGHUP'): () => void {
  const handler = () => {
    void reload(signal);
  };
  process.on(signal, handler);
  return () => {
    process.off(signal, handler);
  };
}
