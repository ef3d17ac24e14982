/** The subject's own file as `/me` reads it: one query, every tier (the subject sees its own, PCIM art. 21). */
export const MY_FILE_QUERY = `query MyFile($identifier: String!) {
  subject(identifier: $identifier) {
    id kind name identifier
    records { id category severity tier title provider decidedOn expiresOn status underObjection }
    listEntries(includeInactive: true) { id list status recognizedByName recognizedOn validUntil facts groundsDescription underObjection repairPublicityUntil }
    objections { id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history { from to role note at } }
    repairCases { id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history { from to role note at } }
  }
}`;

export type WorkflowStep = Readonly<{ from: string | null; to: string; role: string; note: string | null; at: string }>;

export type MyRecord = Readonly<{
  id: string; category: string; severity: string | null; tier: string; title: string; provider: string;
  decidedOn: string; expiresOn: string | null; status: string; underObjection: boolean;
}>;

export type MyListEntry = Readonly<{
  id: string; list: "RED" | "BLACK"; status: string; recognizedByName: string; recognizedOn: string; validUntil: string | null;
  facts: string; groundsDescription: string; underObjection: boolean; repairPublicityUntil: string | null;
}>;

export type MyObjection = Readonly<{
  id: string; targetId: string; targetType: string; ground: string; statement: string; state: string; filedAt: string;
  dueOn: string | null; dueOnProvisional: boolean; overdue: boolean; history: readonly WorkflowStep[];
}>;

export type MyRepairCase = Readonly<{
  id: string; targetId: string | null; targetType: string | null; state: string; appliedOn: string | null; rectifiedOn: string | null;
  dueOn: string | null; dueOnProvisional: boolean; overdue: boolean; completedOn: string | null; history: readonly WorkflowStep[];
}>;

export type MyFile = Readonly<{
  subject: Readonly<{
    id: string; kind: string; name: string; identifier: string;
    records: readonly MyRecord[]; listEntries: readonly MyListEntry[];
    objections: readonly MyObjection[]; repairCases: readonly MyRepairCase[];
  }> | null;
}>;

/** An item the subject may act on (object to, or apply to repair), named as the page shows it. */
export type ActionTarget = Readonly<{ id: string; label: string; action: "objection" | "repair" }>;
