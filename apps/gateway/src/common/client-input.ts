/**
 * A client's JSON body or query as Express parsed it. Controllers read only routing fields from it
 * (`user`, `app_id`) as `unknown`; the contract's schema validates the rest (at the edge or in the service).
 */
export type ClientInput = { readonly [field: string]: unknown } | undefined;
