/**
 * What a person reads, by right of its own file, of an organisation's item entered there because of the
 * person's role (PCIM art. 26): that the entry exists, why (the relation and its period), whose item it
 * is and what kind — enough to know what follows for the person and to object to it. Not `record`, the
 * item itself (its title and attributes): that stays at the organisation's tier, under the
 * organisation's consents, like every other reader's copy of it.
 */
export const RELATED_ENTRY_FIELDS: string[] = [
  "id",
  "relation",
  "relationFrom",
  "relationTo",
  "organisation",
  "kind",
  "category",
  "severity",
  "tier",
  "provider",
  "decidedOn",
  "expiresOn",
  "status",
];
