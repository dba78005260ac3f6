// State every admin and settings form shares: saving, the refusal and its field errors, and a
// success notice for the live region.
import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { isApiError } from '../../api/client';
import { fieldMessageKey, problemKey } from './problems';

export function useForm(options: { duplicateKey?: string } = {}) {
  const { t } = useI18n();
  const saving = ref(false);
  const error = shallowRef<unknown>(null);
  const notice = ref('');

  /** Runs `action` unless one is running; true when it succeeded. Refusals stay in `error`. */
  async function submit(action: () => Promise<unknown>, success?: string): Promise<boolean> {
    if (saving.value) {
      return false;
    }
    saving.value = true;
    error.value = null;
    notice.value = '';
    try {
      await action();
      if (success) {
        notice.value = success;
      }
      return true;
    } catch (e) {
      error.value = e;
      return false;
    } finally {
      saving.value = false;
    }
  }

  /** The message for `field` of a 422, in the agent's language where the catalogue knows it. */
  function fieldError(field: string): string | undefined {
    const e = error.value;
    if (!isApiError(e)) {
      return undefined;
    }
    const raw = e.fieldError(field);
    if (raw === undefined) {
      return undefined;
    }
    const key = fieldMessageKey(raw);
    return key ? t(key) : raw;
  }

  /**
   * Every message of a 422 for `member` or one of its parts (`actions[2]`, `actions[2].value`,
   * `actions[2].subject.hi`), in the order the server gave them.
   */
  function fieldErrorsUnder(member: string): string[] {
    const e = error.value;
    if (!isApiError(e)) {
      return [];
    }
    return e.errors
      .filter((x) => x.field === member || x.field.startsWith(`${member}.`) || x.field.startsWith(`${member}[`))
      .map((x) => {
        const key = fieldMessageKey(x.message);
        return key ? t(key) : x.message;
      });
  }

  /** What went wrong, in words, or '' (for the form's alert). */
  const message = computed(() =>
    error.value === null ? '' : t(problemKey(error.value, options.duplicateKey)),
  );

  function clear(): void {
    error.value = null;
    notice.value = '';
  }

  return { saving, error, notice, message, submit, fieldError, fieldErrorsUnder, clear };
}

export type Form = ReturnType<typeof useForm>;
