// The editor's live preview: which open tickets a rule's conditions match now
// (POST /api/v1/{triggers,automations}/preview). It runs when the editor opens, again a moment
// after the conditions or events last changed (debounced), and at once on request. An older
// answer never overwrites a newer one: each run aborts the one before. Conditions that are not
// complete yet (`request` gives null) show no preview rather than a refusal.
import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import { rulesApi, type RuleConditions, type RuleEvent, type RuleKind, type RulePreview } from '../../api/rules';

export interface PreviewRequest {
  body: { events: RuleEvent[]; conditions: RuleConditions };
  /** The rows' keys in the order sent, so `conditions.all[1]` in an answer finds its row. */
  keys: { all: number[]; any: number[] };
}

/** How long the preview waits after the last change before it asks the server. */
export const PREVIEW_DELAY_MS = 600;

export function useRulePreview(kind: RuleKind, request: () => PreviewRequest | null, delayMs = PREVIEW_DELAY_MS) {
  const result = shallowRef<RulePreview | null>(null);
  const error = shallowRef<unknown>(null);
  /** The request `result` or `error` answers. */
  const sent = shallowRef<PreviewRequest | null>(null);
  const running = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: AbortController | null = null;

  function cancelTimer(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }

  function clear(): void {
    inFlight?.abort();
    inFlight = null;
    running.value = false;
    result.value = null;
    error.value = null;
    sent.value = null;
  }

  async function run(): Promise<void> {
    cancelTimer();
    const req = request();
    if (req === null) {
      clear();
      return;
    }
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    running.value = true;
    try {
      const answer = await rulesApi(kind).preview(req.body, controller.signal);
      if (!controller.signal.aborted) {
        result.value = answer;
        error.value = null;
        sent.value = req;
      }
    } catch (e) {
      if (!controller.signal.aborted) {
        result.value = null;
        error.value = e;
        sent.value = req;
      }
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        running.value = false;
      }
    }
  }

  function schedule(): void {
    cancelTimer();
    if (request() === null) {
      clear();
      return;
    }
    timer = setTimeout(() => void run(), delayMs);
  }

  watch(() => JSON.stringify(request()?.body ?? null), schedule);

  onScopeDispose(() => {
    cancelTimer();
    inFlight?.abort();
  });

  return { result, error, sent, running, run };
}

export type RulePreviewState = ReturnType<typeof useRulePreview>;
