import type { MeasureContext } from "./measure.loaders";
import { resolveMeasureByCode } from "./measure.service";
import type { Measure } from "./measure.type";

export async function resolveMeasureReference(
  reference: Pick<Measure, "code">,
  context: MeasureContext,
): Promise<Measure | null> {
  return resolveMeasureByCode(context, reference.code);
}
