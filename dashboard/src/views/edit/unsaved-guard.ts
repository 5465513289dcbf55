// The browser's "leave this page?" question while there are unsaved changes.

export type UnsavedGuard = { set(dirty: boolean): void; close(): void };

/**
 * @example const guard = createUnsavedGuard(window); guard.set(draft.dirty()); … guard.close()
 */
export function createUnsavedGuard(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
): UnsavedGuard {
  let dirty = false;
  const warn = (event: BeforeUnloadEvent) => {
    if (!dirty) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set; the text itself is never shown.
    event.returnValue = '';
  };
  target.addEventListener('beforeunload', warn);
  return {
    set(value) {
      dirty = value;
    },
    close() {
      target.removeEventListener('beforeunload', warn);
    },
  };
}
