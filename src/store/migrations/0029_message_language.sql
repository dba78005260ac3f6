-- Each message's language, noted by the store as it writes the message (DetectLanguage,
-- base/language.h): "en", "hi", "kn" or another ISO 639-1 code, '' when the text says
-- nothing. Search files tickets under `lang:` by it, and a rebuild of the index no longer runs
-- the detector over every message (it was 8 % of a rebuild's CPU). NULL for the messages of
-- an older database; whoever reads one of those works the language out from the body.
ALTER TABLE messages ADD COLUMN language TEXT;
