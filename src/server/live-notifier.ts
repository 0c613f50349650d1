import { EventEmitter } from 'node:events';

/**
 * Wakes this instance's stream viewers as soon as a session changes here. Changes made by other
 * instances are found by polling the database, so nothing a viewer needs lives only in memory.
 */
export interface LiveNotifier {
  notify(sessionPk: string): void;
  /** Returns the unsubscribe function. */
  subscribe(sessionPk: string, onChange: () => void): () => void;
}

export function createLiveNotifier(): LiveNotifier {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (pk) => emitter.emit(pk),
    subscribe(pk, onChange) {
      emitter.on(pk, onChange);
      return () => emitter.off(pk, onChange);
    },
  };
}
