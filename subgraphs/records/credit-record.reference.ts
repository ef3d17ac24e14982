import type { CreditRecordContext } from "./credit-record.loaders";
import { resolveCreditRecordById } from "./credit-record.service";
import type { CreditRecord } from "./credit-record.type";

export async function resolveCreditRecordReference(
  reference: Pick<CreditRecord, "id">,
  context: CreditRecordContext,
): Promise<CreditRecord | null> {
  return resolveCreditRecordById(context, reference.id);
}
