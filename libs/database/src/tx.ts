import type { EntityManager } from 'typeorm';

declare const TX: unique symbol;

/**
 * A transaction as code outside repositories sees it: a service may pass it from one repository call
 * to the next (so that several repositories write in one commit) but cannot query through it.
 */
export type Tx = { readonly [TX]: true };

/** For repositories only: the EntityManager behind a `Tx`. */
export function manager(tx: Tx): EntityManager {
  return tx as unknown as EntityManager;
}

/** For repositories only: hands a transaction's EntityManager out as an opaque `Tx`. */
export function asTx(m: EntityManager): Tx {
  return m as unknown as Tx;
}
