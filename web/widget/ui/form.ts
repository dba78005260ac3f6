// The offline and pre-chat forms: labelled fields, errors tied to their field with
// aria-describedby, the first invalid field focused. Values are NFC-normalised and trimmed.
import type { Translate } from '../i18n';
import type { MessageKey } from '../locales/en';
import { h } from './dom';

export type FieldName = 'name' | 'email' | 'text';

export interface FormSpec {
  id: string;
  intro: string;
  fields: { name: FieldName; required: boolean }[];
  submit: MessageKey;
  onSubmit(values: Record<FieldName, string>): void;
}

export interface Form {
  el: HTMLFormElement;
  focus(): void;
  /** A message under the submit button (role=alert), or none. */
  setError(text: string | null): void;
  setBusy(busy: boolean): void;
}

const LABEL: Record<FieldName, MessageKey> = { name: 'name', email: 'email', text: 'message' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function buildForm(t: Translate, spec: FormSpec): Form {
  const inputs = new Map<FieldName, HTMLInputElement | HTMLTextAreaElement>();
  const errors = new Map<FieldName, HTMLElement>();
  const rows = spec.fields.map(({ name, required }) => {
    const id = `${spec.id}-${name}`;
    const attrs = {
      id,
      name,
      required,
      'aria-describedby': `${id}-err`,
      autocomplete: name === 'text' ? 'off' : name,
    };
    const input =
      name === 'text'
        ? h('textarea', { ...attrs, rows: '4', maxlength: '4000' })
        : h('input', { ...attrs, type: name === 'email' ? 'email' : 'text', maxlength: '200' });
    const err = h('p', { class: 'err', id: `${id}-err` });
    inputs.set(name, input);
    errors.set(name, err);
    return h('label', { for: id }, t(LABEL[name]), input, err);
  });
  const formErr = h('p', { class: 'err', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'primary' }, t(spec.submit));
  const el = h(
    'form',
    { class: 'form', novalidate: true, id: spec.id },
    h('p', { class: 'intro' }, spec.intro),
    ...rows,
    button,
    formErr,
  );

  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const values = { name: '', email: '', text: '' };
    let firstBad: HTMLElement | null = null;
    for (const { name, required } of spec.fields) {
      const input = inputs.get(name)!;
      const v = input.value.normalize('NFC').trim();
      values[name] = v;
      const problem =
        required && !v ? 'required' : name === 'email' && v && !EMAIL.test(v) ? 'badEmail' : null;
      errors.get(name)!.textContent = problem ? t(problem) : '';
      input.setAttribute('aria-invalid', problem ? 'true' : 'false');
      firstBad ??= problem ? input : null;
    }
    if (firstBad) {
      firstBad.focus();
      return;
    }
    spec.onSubmit(values);
  });

  return {
    el,
    focus: () => [...inputs.values()][0]?.focus(),
    setError: (text) => {
      formErr.textContent = text ?? '';
    },
    setBusy: (busy) => {
      button.disabled = busy;
    },
  };
}
