/** Dates and numbers as a Dutch school reads them: Amsterdam time, nl-NL notation. */
const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long' });
const number = new Intl.NumberFormat('nl-NL');
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 0 });
const megabytes = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}

export function formatNumber(value: number): string {
  return number.format(value);
}

/** A share 0..1 as a percentage, e.g. 0.45 → "45%". */
export function formatPercent(share: number): string {
  return percent.format(share);
}

/** A byte count for people: "512 kB", "64 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${megabytes.format(bytes / 1024)} kB`;
  return `${megabytes.format(bytes / (1024 * 1024))} MB`;
}
