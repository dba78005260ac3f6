-- Knowledge base (docs/kb.md). Categories hold sections, sections hold articles. An article is
-- one subject with a translation per language (en, hi, kn); each translation has its own
-- status and its own version history. Titles of categories and sections are JSON objects
-- {"en": "...", "hi": "...", "kn": "..."}; a missing language falls back to the workspace's.
CREATE TABLE kb_categories (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  titles TEXT NOT NULL,
  descriptions TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX kb_categories_ws ON kb_categories (workspace_id, position, id);

CREATE TABLE kb_sections (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  category_id INTEGER NOT NULL REFERENCES kb_categories(id),
  titles TEXT NOT NULL,
  descriptions TEXT NOT NULL DEFAULT '{}',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX kb_sections_category ON kb_sections (workspace_id, category_id, position, id);

-- visibility: 'public' (help centre, portal, everyone) or 'internal' (agents only).
CREATE TABLE kb_articles (
  id INTEGER PRIMARY KEY,
  workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
  section_id INTEGER NOT NULL REFERENCES kb_sections(id),
  visibility TEXT NOT NULL DEFAULT 'public',
  position INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at INTEGER
);
CREATE INDEX kb_articles_section ON kb_articles (workspace_id, section_id, position, id);
CREATE INDEX kb_articles_updated ON kb_articles (workspace_id, updated_at, id);

-- One row per article and language: the current text. status: draft | published | archived.
-- version_no is the newest row of kb_article_versions for this translation.
CREATE TABLE kb_translations (
  article_id INTEGER NOT NULL REFERENCES kb_articles(id),
  language TEXT NOT NULL,
  workspace_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,          -- Markdown (CommonMark + GFM tables, strikethrough, autolinks)
  status TEXT NOT NULL DEFAULT 'draft',
  version_no INTEGER NOT NULL DEFAULT 1,
  author_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  published_at INTEGER,
  views INTEGER NOT NULL DEFAULT 0,
  helpful_yes INTEGER NOT NULL DEFAULT 0,
  helpful_no INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, language)
) WITHOUT ROWID;
CREATE INDEX kb_translations_status ON kb_translations (workspace_id, language, status);

-- Every saved text of a translation, oldest first; restoring a version adds a new one.
CREATE TABLE kb_versions (
  article_id INTEGER NOT NULL REFERENCES kb_articles(id),
  language TEXT NOT NULL,
  version_no INTEGER NOT NULL,
  workspace_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',   -- "restored from version 2", …
  created_at INTEGER NOT NULL,
  PRIMARY KEY (article_id, language, version_no)
) WITHOUT ROWID;

CREATE TABLE kb_article_tags (
  article_id INTEGER NOT NULL REFERENCES kb_articles(id),
  tag TEXT NOT NULL,
  workspace_id INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX kb_article_tags_tag ON kb_article_tags (workspace_id, tag, article_id);

-- Files an article shows or offers (images referenced from its Markdown, downloads). Served
-- publicly only while the article has a published translation and is public.
CREATE TABLE kb_article_attachments (
  article_id INTEGER NOT NULL REFERENCES kb_articles(id),
  attachment_id INTEGER NOT NULL REFERENCES attachments(id),
  workspace_id INTEGER NOT NULL,
  PRIMARY KEY (article_id, attachment_id)
) WITHOUT ROWID;
CREATE INDEX kb_article_attachments_att ON kb_article_attachments (attachment_id);
