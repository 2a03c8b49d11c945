/**
 * School network ranges (IPv4 and IPv6 CIDR). Parsing and matching use node:net's BlockList,
 * which also matches an IPv4 address that arrives as an IPv4-mapped IPv6 address
 * (::ffff:192.0.2.1, how a dual-stack socket reports IPv4 clients).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface ParsedRange {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
  /** The range as we store and show it, e.g. "192.0.2.0/24". */
  cidr: string;
}

/** A range or a single address ("192.0.2.7" means /32, "2001:db8::1" means /128); null when invalid. */
export function parseRange(text: string): ParsedRange | null {
  const trimmed = text.trim();
  const match = /^([0-9a-fA-F:.]+)(?:\/(\d{1,3}))?$/.exec(trimmed);
  if (!match) return null;
  const address = match[1].toLowerCase();
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (!family) return null;
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = match[2] === undefined ? max : Number(match[2]);
  if (prefix > max) return null;
  return { address, prefix, family, cidr: `${address}/${prefix}` };
}

/** Splits what an ICT-coördinator typed (one range per line, or separated by commas/spaces). */
export function parseRangeList(text: string): { ranges: ParsedRange[]; invalid: string[] } {
  const ranges: ParsedRange[] = [];
  const invalid: string[] = [];
  for (const part of text.split(/[\s,;]+/).filter(Boolean)) {
    const range = parseRange(part);
    if (range) {
      if (!ranges.some((r) => r.cidr === range.cidr)) ranges.push(range);
    } else invalid.push(part);
  }
  return { ranges, invalid };
}

/** Normalises an address from a socket or header; ::ffff:a.b.c.d becomes a.b.c.d. */
export function normaliseAddress(address: string): string | null {
  const lower = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  return isIPv4(lower) || isIPv6(lower) ? lower : null;
}

export function addressInRanges(address: string, cidrs: readonly string[]): boolean {
  const normal = normaliseAddress(address);
  if (!normal) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const range = parseRange(cidr);
    if (range) list.addSubnet(range.address, range.prefix, range.family);
  }
  return list.check(normal, isIPv4(normal) ? 'ipv4' : 'ipv6');
}
