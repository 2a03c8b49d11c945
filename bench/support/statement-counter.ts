/**
 * Counting instead of timing (bench/login-queries.ts, bench/sso-queries.ts): a shared, busy
 * machine cannot disturb a count of database statements.
 */
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * Counts every statement Kysely runs and names it by kind and first table. Named when compiled,
 * counted when its result arrives: a sub-query built by a builder of its own (a union's other
 * half) is compiled through the plugin too, but is not a statement of its own.
 */
export class StatementCounter implements KyselyPlugin {
  statements: string[] = [];
  #names = new WeakMap<object, string>();
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    type Named = { table?: { identifier?: { name: string } }; node?: { table?: { identifier?: { name: string } } } };
    const node = args.node as unknown as { kind: string; from?: { froms: Named[] }; into?: Named; table?: Named; joins?: Array<{ table: Named }> };
    const name = (n: Named | undefined) => n?.table?.identifier?.name ?? n?.node?.table?.identifier?.name;
    const table = [name(node.from?.froms[0]) ?? name(node.into) ?? name(node.table), ...(node.joins ?? []).map((j) => name(j.table))].filter(Boolean).join('+');
    this.#names.set(args.queryId, `${node.kind.replace('QueryNode', '').toLowerCase()} ${table}`.trim());
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.statements.push(this.#names.get(args.queryId) ?? 'raw');
    return args.result;
  }
}
