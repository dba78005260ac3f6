// Where the visitor writes: the text, files attached before sending, and the send button.
// Enter sends, Shift+Enter is a new line, and nothing is sent mid-composition (Hindi and Kannada
// input methods compose with Enter).
import type { Translate } from '../i18n';
import type { MessageKey } from '../locales/en';
import { MAX_UPLOAD_BYTES, type Attachment } from '../protocol';
import { h, icon, ICON_CLIP, ICON_CLOSE, ICON_SEND } from './dom';

export interface ComposerHooks {
  /** Returns why the message cannot be sent, or null once it is queued. */
  send(text: string, files: Attachment[]): MessageKey | null;
  typing(): void;
  /** The stored attachment, or why it could not be stored. */
  upload(file: File): Promise<Attachment | MessageKey>;
}

interface Pending {
  name: string;
  file: Attachment | null;
}

export class Composer {
  readonly el: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly chips: HTMLUListElement;
  private readonly error: HTMLElement;
  private readonly attachButton: HTMLButtonElement;
  private files: Pending[] = [];

  constructor(
    private readonly t: Translate,
    private readonly hooks: ComposerHooks,
  ) {
    const picker = h('input', { type: 'file', class: 'sr', tabindex: '-1', 'aria-hidden': 'true' });
    this.attachButton = h(
      'button',
      { type: 'button', class: 'icon', 'aria-label': t('attach'), title: t('attach') },
      icon(ICON_CLIP),
    );
    this.input = h('textarea', {
      rows: '1',
      'aria-label': t('message'),
      placeholder: t('message'),
      maxlength: '4000',
    });
    const form = h(
      'form',
      { class: 'composer' },
      this.attachButton,
      picker,
      this.input,
      h(
        'button',
        { type: 'submit', class: 'primary', 'aria-label': t('send'), title: t('send') },
        icon(ICON_SEND),
      ),
    );
    this.chips = h('ul', { class: 'chips' });
    this.error = h('p', { class: 'err intro', role: 'alert' });
    this.el = h('div', {}, this.chips, this.error, form);

    this.attachButton.addEventListener('click', () => picker.click());
    picker.addEventListener('change', () => {
      const file = picker.files?.[0];
      picker.value = '';
      if (file) {
        void this.attach(file);
      }
    });
    this.input.addEventListener('input', () => hooks.typing());
    this.input.addEventListener('keydown', (ev) => {
      // keyCode 229: Safari's Enter that ends a composition, with isComposing already false.
      if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
        ev.preventDefault();
        this.submit();
      }
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      this.submit();
    });
  }

  /** Attaching needs the visitor token, which the first `welcome` brings. */
  setCanAttach(can: boolean): void {
    this.attachButton.disabled = !can;
  }

  private submit(): void {
    if (this.files.some((f) => !f.file)) {
      return;
    }
    const problem = this.hooks.send(
      this.input.value,
      this.files.map((f) => f.file!),
    );
    this.showError(problem ? this.t(problem) : null);
    if (!problem) {
      this.input.value = '';
      this.files = [];
      this.renderChips();
    }
  }

  private async attach(f: File): Promise<void> {
    if (f.size > MAX_UPLOAD_BYTES) {
      this.showError(this.t('fileTooLarge', { name: f.name }));
      return;
    }
    this.showError(null);
    const p: Pending = { name: f.name, file: null };
    this.files.push(p);
    this.renderChips();
    const r = await this.hooks.upload(f);
    if (typeof r === 'string') {
      this.files = this.files.filter((x) => x !== p);
      this.showError(this.t(r, { name: f.name }));
    } else {
      p.file = r;
    }
    this.renderChips();
  }

  private showError(text: string | null): void {
    this.error.textContent = text ?? '';
  }

  private renderChips(): void {
    this.chips.replaceChildren(
      ...this.files.map((p) => {
        const remove = h(
          'button',
          { type: 'button', class: 'icon', 'aria-label': this.t('remove', { name: p.name }) },
          icon(ICON_CLOSE),
        );
        remove.addEventListener('click', () => {
          this.files = this.files.filter((x) => x !== p);
          this.renderChips();
          this.input.focus();
        });
        return h(
          'li',
          {},
          p.file ? p.name : this.t('uploading', { name: p.name }),
          p.file ? remove : null,
        );
      }),
    );
  }
}
