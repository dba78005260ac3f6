// The editor's form state and how it follows a saved article.
import type { Article, KbStatus, KbVisibility } from '../../api/kb';
import type { Language } from '../../api/types';

export interface TranslationDraft {
  title: string;
  body: string;
  status: KbStatus;
}

export interface MetaDraft {
  section_id: number | null;
  visibility: KbVisibility;
  /** As typed: tags separated by commas. */
  tags: string;
  attachment_ids: number[];
}

export function emptyDraft(): TranslationDraft {
  return { title: '', body: '', status: 'draft' };
}

/** The form of a saved article: one draft per written translation, and the shared fields. */
export function fromArticle(a: Article): {
  drafts: Partial<Record<Language, TranslationDraft>>;
  meta: MetaDraft;
} {
  const drafts: Partial<Record<Language, TranslationDraft>> = {};
  for (const tr of a.translations) {
    drafts[tr.language] = { title: tr.title, body: tr.body, status: tr.status };
  }
  return {
    drafts,
    meta: {
      section_id: a.section_id,
      visibility: a.visibility,
      tags: a.tags.join(', '),
      attachment_ids: [...a.attachment_ids],
    },
  };
}

/** "Tracking, customs ,, tracking" → ["tracking", "customs"]: trimmed, without repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().normalize('NFC');
    if (tag && !out.includes(tag)) {
      out.push(tag);
    }
  }
  return out;
}

/** The help centre's page of the article in `lang` (the server's help_url names one language). */
export function helpPath(a: Pick<Article, 'id' | 'help_url'>, lang: Language): string {
  const m = /^(.*\/help\/)(en|hi|kn)(\/articles\/\d+.*)$/.exec(a.help_url ?? '');
  return m ? `${m[1]}${lang}${m[3]}` : `/help/${lang}/articles/${a.id}`;
}
