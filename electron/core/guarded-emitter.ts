// An EventEmitter whose listeners cannot throw into the emitter. A listener that throws (a serve
// log line that reads an unreadable history file, a dashboard event sent to a closed socket) would
// otherwise throw out of whatever emitted: the file backend's poll runs in a timer, so that was an
// uncaught exception that ended `wxdesk serve`. Each listener is called on its own; what one
// throws is handed to onListenerError (the core records it as a notice) and the others still run.
import { EventEmitter } from 'node:events';
import { WxError } from './errors';

type EventMap<T> = Record<keyof T, unknown[]>;

/** What a listener threw, as the error to record: a WxError as it is, anything else as LISTENER_FAILED naming the event. */
export function listenerError(e: unknown, event: string | symbol): WxError {
  if (e instanceof WxError) return e;
  const what = e instanceof Error ? e.message : String(e);
  return new WxError('LISTENER_FAILED', { detail: `${String(event)}: ${what}`, cause: e });
}

export class GuardedEmitter<T extends EventMap<T>> extends EventEmitter<T> {
  /** Where a listener's exception goes; by default a process warning (never an exception). */
  onListenerError: (e: WxError, event: string | symbol) => void = (e) => process.emitWarning(e.message);

  // Loosely typed on purpose (an override cannot restate the generic one); callers type-check
  // against EventEmitter<T>'s signature all the same.
  override emit(event: any, ...args: any[]): boolean {
    // 'error' keeps Node's meaning: thrown when nobody listens.
    if (event === 'error') return (EventEmitter.prototype.emit as (e: string, ...a: unknown[]) => boolean).call(this, event, ...args);
    // rawListeners: a once() wrapper removes itself when called, as in emit().
    const listeners = (this as EventEmitter).rawListeners(event as string | symbol) as ((...a: unknown[]) => unknown)[];
    for (const listener of listeners) {
      try {
        listener.apply(this, args);
      } catch (e) {
        try {
          this.onListenerError(listenerError(e, event as string | symbol), event as string | symbol);
        } catch {
          // The recorder itself failed: nothing more can be done without throwing.
        }
      }
    }
    return listeners.length > 0;
  }
}
