/** The catalogue's public shapes (the contract other capabilities code against). */
export type ProductTag = 'leerkrachtApplicatie' | 'toetsApplicatie';

export interface Publisher {
  id: number;
  slug: string;
  name: string;
  sector: string; // = slug at creation, never changes
}

export interface Product {
  id: number;
  publisherId: number;
  code: string;
  name: string;
  iconUrl: string | null;
  launchUrl: string;
  tags: ProductTag[];
  protocol: 'oidc' | 'saml';
  samlEntityId: string | null;
  active: boolean;
}

export type LicencePerson =
  | { kind: 'pupil'; pupilId: number; schoolId: number }
  | { kind: 'staff'; accountId: number; schoolId: number };

export interface Tile {
  productId: number;
  name: string;
  iconUrl: string | null;
  publisherName: string;
  tags: ProductTag[];
  schoolId: number;
  launchPath: string; // `/starten/${productId}?school=${schoolId}`
}

export interface AddPublisherInput {
  slug: string;
  name: string;
}

export interface AddProductInput {
  publisherSlug: string;
  code: string;
  name: string;
  iconUrl?: string | null;
  launchUrl: string;
  tags?: readonly string[];
  protocol: string;
  samlEntityId?: string | null;
}
