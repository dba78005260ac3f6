// Presence on the open ticket (collision detection): this agent heartbeats every 10 seconds
// while the page is visible, saying whether they are viewing or replying, and learns who else
// is on the ticket. A server without the presence routes (404/405) simply shows nobody.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { isApiError, type Id } from '../api/client';
import {
  heartbeatPresence,
  leavePresence,
  type PresenceEntry,
  type PresenceState,
} from '../api/ticketExtra';

export const HEARTBEAT_MS = 10_000;
/** The server forgets an entry this long after its last heartbeat; so does the console. */
export const PRESENCE_TTL_MS = 30_000;

export const usePresenceStore = defineStore('presence', () => {
  /** The other agents on the ticket now. */
  const others = ref<PresenceEntry[]>([]);
  /** false once the server answered that it has no presence routes. */
  const supported = ref(true);
  const replying = ref(false);
  const ticketId = ref<Id | null>(null);

  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight = false;
  /** A change of state came while a heartbeat was on its way: send another after it. */
  let again = false;
  let listening = false;

  function visible(): boolean {
    return typeof document === 'undefined' || document.visibilityState !== 'hidden';
  }

  async function beat(): Promise<void> {
    const id = ticketId.value;
    if (id === null || !supported.value || !visible()) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    const state: PresenceState = replying.value ? 'replying' : 'viewing';
    try {
      const list = await heartbeatPresence(id, state);
      if (ticketId.value === id) {
        others.value = list;
      }
    } catch (e) {
      if (ticketId.value !== id) {
        return;
      }
      if (isApiError(e) && (e.status === 404 || e.status === 405)) {
        // An older server: no presence at all, and no more requests for it.
        supported.value = false;
        others.value = [];
        clearTimer();
      } else {
        // Keep what we knew until it would have expired on the server too.
        const now = Date.now();
        others.value = others.value.filter(
          (o) => now - Date.parse(o.last_seen_at) < PRESENCE_TTL_MS,
        );
      }
    } finally {
      inFlight = false;
      if (again) {
        again = false;
        void beat();
      }
    }
  }

  function clearTimer(): void {
    if (timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  function onVisibility(): void {
    if (visible()) {
      void beat();
    }
  }

  function onPageHide(): void {
    if (ticketId.value !== null && supported.value) {
      leavePresence(ticketId.value);
    }
  }

  function onPageShow(event: Event): void {
    // Back from the browser's page cache: say we are here again.
    if ((event as PageTransitionEvent).persisted) {
      void beat();
    }
  }

  function listen(on: boolean): void {
    if (typeof window === 'undefined' || listening === on) {
      return;
    }
    listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    document[method]('visibilitychange', onVisibility);
    window[method]('pagehide', onPageHide);
    window[method]('pageshow', onPageShow);
  }

  /** Starts heartbeating for ticket `id` (leaving the one before, if any). */
  function start(id: Id): void {
    if (ticketId.value === id) {
      return;
    }
    stop();
    ticketId.value = id;
    supported.value = true;
    replying.value = false;
    others.value = [];
    listen(true);
    timer = setInterval(() => void beat(), HEARTBEAT_MS);
    void beat();
  }

  /** Whether this agent has unsent text in the reply box; a change is told at once. */
  function setReplying(value: boolean): void {
    if (replying.value === value) {
      return;
    }
    replying.value = value;
    void beat();
  }

  /** Leaves the ticket: no more heartbeats, and a best-effort DELETE. */
  function stop(): void {
    clearTimer();
    listen(false);
    if (ticketId.value !== null && supported.value) {
      leavePresence(ticketId.value);
    }
    ticketId.value = null;
    others.value = [];
    replying.value = false;
  }

  return { others, supported, replying, ticketId, start, stop, setReplying, beat };
});
