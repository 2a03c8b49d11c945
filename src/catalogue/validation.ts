/** Input rules for publishers and products, shared by the CLI, the operator pages and the API. */
import { AppError } from '../lib/errors.js';
import type { ProductTag } from './types.js';

export const PRODUCT_TAGS: readonly ProductTag[] = ['leerkrachtApplicatie', 'toetsApplicatie'];

export function normaliseSlug(value: string): string {
  const slug = value.trim().toLowerCase();
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) throw new AppError('catalogue.invalid_slug', { slug: value });
  return slug;
}

export function normaliseName(value: string): string {
  const name = value.trim().replace(/\s+/g, ' ');
  if (!name || name.length > 200) throw new AppError('catalogue.invalid_name', {});
  return name;
}

export function normaliseCode(value: string): string {
  const code = value.trim();
  if (!/^[A-Za-z0-9._-]{1,60}$/.test(code)) throw new AppError('catalogue.invalid_code', { code: value });
  return code;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An absolute URL a person's browser is sent to: https, or http only for this machine (the demo
 * publisher and tests run there). No credentials in the URL: `https://good@evil` must not pass.
 */
export function normaliseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('catalogue.invalid_url', { url: value });
  }
  const allowedScheme = url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
  if (!allowedScheme || url.username || url.password || !url.hostname) throw new AppError('catalogue.invalid_url', { url: value });
  return url.href;
}

const DATA_ICON = /^data:image\/(svg\+xml|png|jpeg|gif|webp)(;base64)?,[A-Za-z0-9+/=%._~!$&'()*,;:@?-]+$/;
const MAX_ICON_CHARS = 200_000;

/**
 * A product icon: an https URL (portal partners show it) or a data: image (the API's base64
 * `icon`), which Leerpoort's own pages can show under their strict Content-Security-Policy.
 */
export function normaliseIconUrl(value: string): string {
  const icon = value.trim();
  if (icon.startsWith('data:')) {
    if (icon.length > MAX_ICON_CHARS || !DATA_ICON.test(icon)) throw new AppError('catalogue.invalid_url', { url: `${icon.slice(0, 40)}…` });
    return icon;
  }
  return normaliseUrl(icon);
}

export function normaliseTags(values: readonly string[] | undefined): ProductTag[] {
  const tags = new Set<ProductTag>();
  for (const value of values ?? []) {
    const tag = PRODUCT_TAGS.find((t) => t.toLowerCase() === value.trim().toLowerCase());
    if (!tag) throw new AppError('catalogue.invalid_tag', { tag: value });
    tags.add(tag);
  }
  return [...tags];
}

export function normaliseProtocol(value: string): 'oidc' | 'saml' {
  const protocol = value.trim().toLowerCase();
  if (protocol !== 'oidc' && protocol !== 'saml') throw new AppError('catalogue.invalid_protocol', { protocol: value });
  return protocol;
}
