import { useCallback, useRef, useState } from 'react';

/**
 * useReducer whose latest state can be read at once after a dispatch. Keys arrive faster than
 * React re-renders (typing, paste, tmux send-keys): a key handler holding the state of the last
 * render would handle `/` then treat the `a` right behind it as a command, not as search text.
 */
export function useLiveReducer<S, A>(reducer: (s: S, a: A) => S, initial: S): [S, (a: A) => void, () => S] {
  const [state, setState] = useState(initial);
  const live = useRef(state);
  const dispatch = useCallback(
    (a: A) => {
      live.current = reducer(live.current, a);
      setState(live.current);
    },
    [reducer],
  );
  const current = useCallback(() => live.current, []);
  return [state, dispatch, current];
}
