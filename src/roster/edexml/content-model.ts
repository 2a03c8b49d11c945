/**
 * XSD content models (xs:sequence, xs:choice, minOccurs/maxOccurs) compiled once into a small
 * deterministic automaton over child element names, so checking a child in a 5,000-pupil file
 * is one map lookup. The automaton also knows, for every state, the shortest way to a complete
 * element: that is what "missing required element" reports name.
 */

export interface Particle<D> {
  readonly kind: 'element' | 'sequence' | 'choice';
  readonly decl?: D & { readonly name: string };
  readonly items?: readonly Particle<D>[];
  readonly optional: boolean;
  readonly repeats: boolean;
}

export interface Occurs {
  optional?: boolean;
  repeats?: boolean;
}

export function el<D extends { readonly name: string }>(decl: D, occurs: Occurs = {}): Particle<D> {
  return { kind: 'element', decl, optional: occurs.optional ?? false, repeats: occurs.repeats ?? false };
}

export function seq<D>(items: Particle<D>[], occurs: Occurs = {}): Particle<D> {
  return { kind: 'sequence', items, optional: occurs.optional ?? false, repeats: occurs.repeats ?? false };
}

export function choice<D>(items: Particle<D>[], occurs: Occurs = {}): Particle<D> {
  return { kind: 'choice', items, optional: occurs.optional ?? false, repeats: occurs.repeats ?? false };
}

interface ModelState {
  readonly next: ReadonlyMap<string, number>;
  readonly accepting: boolean;
}

/** Everything the walker needs to accept a child, in one lookup. */
export interface Transition<D> {
  /** The state after the child. */
  readonly to: number;
  readonly decl: D;
  /** Whether the child may occur more than once in one element. */
  readonly repeatable: boolean;
}

export class ContentModel<D extends { readonly name: string }> {
  readonly start = 0;

  private readonly repeatableNames: ReadonlySet<string>;
  /** Fewest further children needed, from each state, to make the element complete. */
  private readonly toCompletion: readonly number[];
  /** Per child name, fewest children from each state to where it may stand (filled on demand). */
  private readonly distancesToName = new Map<string, readonly number[]>();
  /** Per state: child name → transition. */
  private readonly transitions: ReadonlyMap<string, Transition<D>>[];

  private constructor(
    private readonly states: readonly ModelState[],
    /** Every child element the model knows, wherever it may stand. */
    readonly children: ReadonlyMap<string, D>,
  ) {
    this.toCompletion = this.distances((state) => state.accepting);
    this.repeatableNames = new Set([...children.keys()].filter((name) => this.canRecur(name)));
    this.transitions = states.map((state) => new Map([...state.next].map(([name, to]) => [
      name, { to, decl: children.get(name)!, repeatable: this.repeatableNames.has(name) },
    ])));
  }

  static compile<D extends { readonly name: string }>(root: Particle<D>): ContentModel<D> {
    const nfa = new Nfa<D>();
    const { start, end } = nfa.fragment(root);
    return new ContentModel(determinise(nfa, start, end), nfa.children);
  }

  /** Child `name` accepted in `state`, or undefined when it may not stand there. */
  transition(state: number, name: string): Transition<D> | undefined {
    return this.transitions[state].get(name);
  }

  isComplete(state: number): boolean {
    return this.states[state].accepting;
  }

  /** Whether `name` may occur more than once in one element (maxOccurs > 1 somewhere). */
  repeatable(name: string): boolean {
    return this.repeatableNames.has(name);
  }

  /** Names allowed next, in the order the XSD lists them. */
  expected(state: number): string[] {
    return [...this.states[state].next.keys()];
  }

  /**
   * What is still required, step by step along the shortest completion: each entry lists
   * the alternatives for that step (e.g. [['achternaam', 'roepnaam']]).
   */
  missing(state: number): string[][] {
    return this.path(state, this.toCompletion).steps;
  }

  /**
   * For a child that may not stand here but may stand further on (something required before
   * it is absent): the state after the child, and the steps it jumped over. Reading on from
   * there reports one missing element instead of refusing every child after it.
   */
  skipTo(state: number, name: string): { state: number; skipped: string[][] } | null {
    let toName = this.distancesToName.get(name);
    if (toName === undefined) {
      toName = this.distances((candidate) => candidate.next.has(name));
      this.distancesToName.set(name, toName);
    }
    if (toName[state] === Infinity) return null;
    const { steps, end } = this.path(state, toName);
    return { state: this.states[end].next.get(name)!, skipped: steps };
  }

  /** Walks the shortest route to distance 0, listing each step's equally short alternatives. */
  private path(state: number, distance: readonly number[]): { steps: string[][]; end: number } {
    const steps: string[][] = [];
    let current = state;
    while (distance[current] > 0 && distance[current] !== Infinity) {
      const best = [...this.states[current].next].filter(([, to]) => distance[to] === distance[current] - 1);
      steps.push(best.map(([label]) => label));
      current = best[0][1];
    }
    return { steps, end: current };
  }

  /** Fewest children from each state to one where `goal` holds (Infinity: never). */
  private distances(goal: (state: ModelState) => boolean): number[] {
    const distance = this.states.map((state) => (goal(state) ? 0 : Infinity));
    for (let changed = true; changed;) {
      changed = false;
      this.states.forEach((state, i) => {
        for (const to of state.next.values()) {
          if (distance[to] + 1 < distance[i]) {
            distance[i] = distance[to] + 1;
            changed = true;
          }
        }
      });
    }
    return distance;
  }

  private canRecur(name: string): boolean {
    const work = this.states.flatMap((state) => (state.next.has(name) ? [state.next.get(name)!] : []));
    const seen = new Set(work);
    while (work.length > 0) {
      const state = this.states[work.pop()!];
      if (state.next.has(name)) return true;
      for (const to of state.next.values()) {
        if (!seen.has(to)) {
          seen.add(to);
          work.push(to);
        }
      }
    }
    return false;
  }
}

/** Thompson construction: states with labelled and empty (ε) edges. */
class Nfa<D extends { readonly name: string }> {
  readonly edges: { label: string | null; to: number }[][] = [];
  readonly children = new Map<string, D>();

  state(): number {
    this.edges.push([]);
    return this.edges.length - 1;
  }

  edge(from: number, to: number, label: string | null = null): void {
    this.edges[from].push({ label, to });
  }

  fragment(particle: Particle<D>): { start: number; end: number } {
    const start = this.state();
    const end = this.state();
    const inner = this.body(particle);
    this.edge(start, inner.start);
    this.edge(inner.end, end);
    if (particle.optional) this.edge(start, end);
    if (particle.repeats) this.edge(inner.end, inner.start);
    return { start, end };
  }

  private body(particle: Particle<D>): { start: number; end: number } {
    const start = this.state();
    const end = this.state();
    if (particle.kind === 'element') {
      const decl = particle.decl!;
      const known = this.children.get(decl.name);
      // XSD "Element Declarations Consistent": one name, one declaration within a model.
      if (known !== undefined && known !== decl) throw new Error(`Inconsistent declarations for <${decl.name}>`);
      this.children.set(decl.name, decl);
      this.edge(start, end, decl.name);
    } else if (particle.kind === 'sequence') {
      let at = start;
      for (const item of particle.items!) {
        const part = this.fragment(item);
        this.edge(at, part.start);
        at = part.end;
      }
      this.edge(at, end);
    } else {
      for (const item of particle.items!) {
        const part = this.fragment(item);
        this.edge(start, part.start);
        this.edge(part.end, end);
      }
    }
    return { start, end };
  }

  closure(seeds: Iterable<number>): number[] {
    const seen = new Set(seeds);
    const work = [...seen];
    while (work.length > 0) {
      for (const { label, to } of this.edges[work.pop()!]) {
        if (label === null && !seen.has(to)) {
          seen.add(to);
          work.push(to);
        }
      }
    }
    return [...seen].sort((a, b) => a - b);
  }
}

/** Subset construction: each state of the automaton is a set of NFA states. */
function determinise<D extends { readonly name: string }>(nfa: Nfa<D>, start: number, end: number): ModelState[] {
  const sets: number[][] = [nfa.closure([start])];
  const index = new Map<string, number>([[sets[0].join(','), 0]]);
  const transitions: Map<string, number>[] = [];
  for (let i = 0; i < sets.length; i++) {
    const targets = new Map<string, number[]>();
    for (const s of sets[i]) {
      for (const { label, to } of nfa.edges[s]) {
        if (label !== null) targets.set(label, [...(targets.get(label) ?? []), to]);
      }
    }
    const next = new Map<string, number>();
    for (const [label, tos] of targets) {
      const set = nfa.closure(tos);
      const id = set.join(',');
      if (!index.has(id)) {
        index.set(id, sets.length);
        sets.push(set);
      }
      next.set(label, index.get(id)!);
    }
    transitions.push(next);
  }
  return transitions.map((next, i) => ({ next, accepting: sets[i].includes(end) }));
}
