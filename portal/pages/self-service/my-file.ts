import type { MyFileQuery } from "../../gql/graphql";

/** The subject's own file as `/me` reads it (api.ts MY_FILE). */
export type MyFile = NonNullable<MyFileQuery["subject"]>;
export type MyObjection = MyFile["objections"][number];
export type MyRepairCase = MyFile["repairCases"][number];
export type { WorkflowStepRowFragment as WorkflowStep } from "../../gql/graphql";

/** An item the subject may act on (object to, or apply to repair), named as the page shows it. */
export type ActionTarget = Readonly<{ id: string; label: string; action: "objection" | "repair" }>;
