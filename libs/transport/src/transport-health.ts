/** Something in this process that can tell whether it is able to move messages right now. */
export interface TransportProbe {
  readonly name: string;
  /** null when healthy, else why not */
  problem(): string | null;
}

/**
 * The transport's part of readiness: every server loop and client of this process registers here,
 * and `/health` reports the process unready while any of them cannot read (Redis down, or back
 * empty and not yet recovered). Process-wide because one process may run several apps.
 */
class TransportHealth {
  private readonly probes = new Set<TransportProbe>();

  register(p: TransportProbe): () => void {
    this.probes.add(p);
    return () => this.probes.delete(p);
  }

  check(): { status: 'up' | 'down'; error?: string } {
    const problems: string[] = [];
    for (const p of this.probes) {
      const why = p.problem();
      if (why) problems.push(`${p.name}: ${why}`);
    }
    return problems.length ? { status: 'down', error: problems.join('; ') } : { status: 'up' };
  }
}

export const transportHealth = new TransportHealth();
