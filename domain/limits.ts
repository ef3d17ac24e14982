/**
 * Items one call carries at most: the identifiers one screen decides (the measures subgraph refuses more), the
 * units of work the gateway lets one field ask for (`maxFieldCost`, a screen's identifier costing one), the
 * records one import chunk submits, and the portal's chunk of a long list. One number, so that no side splits
 * a batch the other refuses.
 */
export const MAX_ITEMS_PER_CALL = 1_000;
