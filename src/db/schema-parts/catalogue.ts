/** Row types of the catalogue capability's tables (conventions: see ../schema.ts). */
import type { Generated } from 'kysely';

export interface PublisherTable {
  id: Generated<number>;
  slug: string;
  name: string;
  sector: string; // pseudonym sector: the slug at creation, never changes
  created_at: string;
}

export interface ProductTable {
  id: Generated<number>;
  publisher_id: number;
  code: string;
  name: string;
  icon_url: string | null;
  launch_url: string;
  tags: string; // JSON array of 'leerkrachtApplicatie' | 'toetsApplicatie'
  protocol: 'oidc' | 'saml';
  saml_entity_id: string | null;
  active: Generated<number>; // 0/1
  created_at: string;
}

export type LicenceScope = 'school' | 'group' | 'pupil' | 'staff' | 'eckid';

export interface LicenceTable {
  id: Generated<number>;
  product_id: number;
  school_id: number;
  school_year: string; // e.g. 2026-2027
  scope: LicenceScope;
  group_id: number | null;
  pupil_id: number | null;
  staff_account_id: number | null;
  eckid: string | null;
  granted_by: string;
  granted_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

export interface ShortcutTargetTable {
  id: Generated<number>;
  publisher_id: number;
  url: string;
  created_by: string;
  created_at: string;
}

export interface CatalogueTables {
  publishers: PublisherTable;
  products: ProductTable;
  licences: LicenceTable;
  shortcut_targets: ShortcutTargetTable;
}
