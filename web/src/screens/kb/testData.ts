// Knowledge-base entities as /api/v1/kb returns them (docs/kb.md).
import type { Article, KbCategory, KbSection, Translation } from '../../api/kb';

const T0 = '2026-11-23T10:00:00.000Z';

export function kbSection(over: Partial<KbSection> = {}): KbSection {
  return {
    id: 3,
    category_id: 1,
    titles: { en: 'Tracking', hi: 'ट्रैकिंग' },
    descriptions: {},
    position: 0,
    article_count: 2,
    created_at: T0,
    updated_at: T0,
    version: 1,
    ...over,
  };
}

export function kbCategory(over: Partial<KbCategory> = {}): KbCategory {
  return {
    id: 1,
    titles: { en: 'Shipping', hi: 'शिपिंग', kn: 'ಸಾಗಣೆ' },
    descriptions: {},
    position: 0,
    created_at: T0,
    updated_at: T0,
    version: 1,
    sections: [kbSection()],
    ...over,
  };
}

export function kbTranslation(over: Partial<Translation> = {}): Translation {
  return {
    language: 'en',
    title: 'Track your parcel',
    status: 'published',
    version_no: 3,
    updated_at: T0,
    views: 120,
    helpful_yes: 30,
    helpful_no: 2,
    body: '# Track\n\nEnter your AWB number.',
    html: '<h1>Track</h1><p>Enter your AWB number.</p>',
    author_id: 7,
    published_at: T0,
    ...over,
  };
}

export function kbArticle(over: Partial<Article> = {}): Article {
  return {
    id: 7,
    section_id: 3,
    visibility: 'public',
    tags: ['tracking'],
    updated_at: T0,
    version: 4,
    attachment_ids: [],
    created_by: 7,
    created_at: T0,
    position: 0,
    help_url: '/help/en/articles/7',
    translations: [kbTranslation()],
    ...over,
  };
}
