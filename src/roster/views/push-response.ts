/**
 * What the LAS push endpoint answers: the import summary without the per-person `changes`
 * list. Declared as the route's response schema, so the serializer drops any field that is
 * not listed here (names, ECK iDs) even if the summary grows.
 */
import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const KindCounts = { added: Type.Integer(), updated: Type.Integer(), deactivated: Type.Integer(), unchanged: Type.Integer() };

export const FileProblemSchema = Type.Object({
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')]),
  code: Type.String(),
  message: Type.String(),
  line: Type.Union([Type.Integer(), Type.Null()]),
  element: Nullable(Type.String()),
  key: Nullable(Type.String()),
});

export const PushResponseSchema = Type.Object({
  importId: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.String(),
  school: Type.Union([
    Type.Object({ id: Type.Integer(), brin: Type.String(), locationCode: Type.String(), name: Type.String() }),
    Type.Null(),
  ]),
  schoolYear: Nullable(Type.String()),
  edexmlVersion: Nullable(Type.String()),
  fileSha256: Type.String(),
  counts: Type.Object({
    pupils: Type.Object({ ...KindCounts, moved: Type.Integer() }),
    groups: Type.Object(KindCounts),
    staff: Type.Object(KindCounts),
    locations: Type.Object(KindCounts),
  }),
  guard: Type.Union([
    Type.Object({ activePupils: Type.Integer(), wouldDeactivate: Type.Integer(), limit: Type.Number(), tripped: Type.Boolean() }),
    Type.Null(),
  ]),
  warnings: Type.Array(FileProblemSchema),
  errors: Type.Array(FileProblemSchema),
});

export type PushResponse = Static<typeof PushResponseSchema>;
