// One live event stream per signed-in tab, shared by every screen.
import { useEffect, useState } from 'preact/hooks';
import { followEvents } from './api.js';

const listeners = new Set();
const stateListeners = new Set();
let stop = null;
let streamState = 'connecting';

export function startLive() {
  stop?.();
  stop = followEvents(
    '',
    (e) => listeners.forEach((fn) => fn(e)),
    (s) => {
      streamState = s;
      stateListeners.forEach((fn) => fn(s));
    },
  );
}

export function stopLive() {
  stop?.();
  stop = null;
}

/** Calls fn(event) for every live event while the component is mounted. */
export function useLiveEvents(fn, deps = []) {
  useEffect(() => {
    listeners.add(fn);
    return () => listeners.delete(fn);
  }, deps);
}

export function useStreamState() {
  const [s, setS] = useState(streamState);
  useEffect(() => {
    stateListeners.add(setS);
    return () => stateListeners.delete(setS);
  }, []);
  return s;
}
