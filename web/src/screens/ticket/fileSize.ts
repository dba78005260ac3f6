// File sizes as agents read them: bytes, KB or MB, numbers in the current locale.
type Translate = (key: string, values: Record<string, unknown>) => string;
type FormatNumber = (value: number) => string;

export function fileSize(bytes: number, t: Translate, n: FormatNumber): string {
  if (bytes < 1024) {
    return t('ticket.bytes', { n: n(bytes) });
  }
  if (bytes < 1024 * 1024) {
    return t('ticket.kilobytes', { n: n(Math.round(bytes / 1024)) });
  }
  return t('ticket.megabytes', { n: n(Math.round((bytes / (1024 * 1024)) * 10) / 10) });
}

/** A short name of a file's type for a chip: "PDF", "XLSX", else the MIME subtype. */
export function fileKind(filename: string, mimeType: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1];
  if (ext) {
    return ext.toUpperCase();
  }
  const sub = mimeType.split('/')[1] ?? mimeType;
  return sub.replace(/^(x-|vnd\.)/, '').slice(0, 12).toUpperCase();
}
