// The editor's live preview: the Markdown is rendered by the server (POST /api/v1/kb/preview,
// sanitised like e-mail) at most once per pause in typing; an older answer never replaces a
// newer one.
import { onBeforeUnmount, ref, watch } from 'vue';
import { kbApi } from '../../api/kb';

export const PREVIEW_DELAY_MS = 400;

export function usePreview(source: () => string, delay = PREVIEW_DELAY_MS) {
  const html = ref('');
  const failed = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;

  async function render(body: string): Promise<void> {
    controller?.abort();
    if (!body.trim()) {
      html.value = '';
      failed.value = false;
      return;
    }
    const mine = new AbortController();
    controller = mine;
    try {
      const out = await kbApi().preview(body, mine.signal);
      if (controller === mine) {
        html.value = out;
        failed.value = false;
      }
    } catch (e) {
      if (controller === mine && !(e instanceof DOMException && e.name === 'AbortError')) {
        failed.value = true;
      }
    }
  }

  watch(
    source,
    (body) => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void render(body);
      }, delay);
    },
    { immediate: true },
  );

  onBeforeUnmount(() => {
    if (timer !== null) clearTimeout(timer);
    controller?.abort();
  });

  return { html, failed };
}
