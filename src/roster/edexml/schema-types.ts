/**
 * The vocabulary the EDEXML schema (schema.ts) is written in: element and attribute
 * declarations, and what the roster builder does with an element ("capture").
 */
import type { ContentModel } from './content-model.js';
import type { EdexPersonName, EdexPupilEckStatus, EdexSchool, EdexSchoolEckStatus } from './model.js';
import type { SimpleType } from './simple-types.js';

export type RecordKind = 'location' | 'group' | 'subgroup' | 'pupil' | 'staff';

/** What the roster builder keeps of an element; elements without a capture are only checked. */
export type Capture =
  | { readonly to: 'record'; readonly record: RecordKind }
  | { readonly to: 'school'; readonly field: Exclude<keyof EdexSchool, 'eckStatus'> }
  | { readonly to: 'person'; readonly field: keyof EdexPersonName }
  | { readonly to: 'pupil'; readonly field: 'birthDate' | 'gender' | 'yearGroup' }
  | { readonly to: 'staff'; readonly field: 'email' }
  | { readonly to: 'group'; readonly field: 'name' | 'yearGroup' | 'description' }
  | { readonly to: 'location'; readonly field: 'name' | 'description' }
  /** A key="…" reference from a pupil or staff member to a group, subgroup or location. */
  | { readonly to: 'reference'; readonly target: 'group' | 'subgroup' | 'location' }
  | { readonly to: 'role' }
  /** A pupil's BSN or onderwijsnummer, for the ECK iD request pipeline only (docs/eckid-hpgn.md). */
  | { readonly to: 'pgn'; readonly kind: 'bsn' | 'onderwijsnummer' }
  /** Fields of the Leerpoort ECK-status blocks in <toevoegingen> (docs/eckid-readiness.md). */
  | { readonly to: 'eckSchool'; readonly field: keyof EdexSchoolEckStatus }
  | { readonly to: 'eckPupil'; readonly field: keyof EdexPupilEckStatus };

export interface AttributeDecl {
  readonly type: SimpleType;
  readonly required: boolean;
}

export interface SimpleContent {
  readonly kind: 'simple';
  readonly type: SimpleType;
}

export interface ComplexContent {
  readonly kind: 'complex';
  /** null: the element must be empty (references like <groep key="…"/>). */
  readonly model: ContentModel<ElementDecl> | null;
  readonly attributes: ReadonlyMap<string, AttributeDecl>;
  /** Names of the required attributes, in declaration order. */
  readonly requiredAttributes: readonly string[];
  /**
   * For <blok>: ToevoegingsBlokType is abstract, so xsi:type is required and picks the
   * content. Types this schema knows are checked; others (extensions from other standards,
   * such as the ECK-status block) are checked up to the base part and then read past.
   */
  readonly extension?: {
    readonly known: ReadonlyMap<string, ComplexContent>;
    readonly abstractName: string;
    readonly unknown: ComplexContent;
  };
  /** Read past children after the model is complete (unknown extension types). */
  readonly openTail?: boolean;
}

export interface ElementDecl {
  readonly name: string;
  readonly content: SimpleContent | ComplexContent;
  readonly capture?: Capture;
}
