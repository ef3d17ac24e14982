import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { ObjectionContext } from "./objection.loaders";
import { fileObjection, findObjections, moveObjection } from "./objection.service";
import { Objection, ObjectionInput, ObjectionState, type ObjectionStateValue } from "./objection.type";
import {
  applyForRepair,
  findRepairCases,
  findRepairEligibility,
  moveRepairCase,
} from "./repair-case.service";
import {
  RepairCase,
  RepairEligibility,
  RepairInput,
  RepairState,
  type RepairStateValue,
} from "./repair-case.type";
import { DateScalar } from "../shared/scalars";

@Resolver(() => RepairCase)
export class RepairResolver {
  @Mutation(() => Objection, {
    description: "SUBJECT: objects to its own record or list entry (PCIM art. 28).",
  })
  async fileObjection(
    @Arg("input", () => ObjectionInput) input: ObjectionInput,
    @Ctx() context: ObjectionContext,
  ): Promise<Objection> {
    return fileObjection(context, input);
  }

  @Mutation(() => Objection, {
    description:
      "The next step of an objection, by the role it belongs to: CREDIT_CENTER reviews and settles or forwards, the PROVIDER verifies, the SUBJECT appeals, CREDIT_AUTHORITY decides the appeal.",
  })
  async moveObjection(
    @Arg("id", () => ID) id: string,
    @Arg("to", () => ObjectionState) to: ObjectionStateValue,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() context: ObjectionContext,
  ): Promise<Objection> {
    return moveObjection(context, id, to, note ?? null);
  }

  @Query(() => [Objection], {
    description:
      "Objections you may read, oldest first: CREDIT_CENTER all, PROVIDER those on its items, CREDIT_AUTHORITY the appealed ones (its worklist), SUBJECT its own.",
  })
  async objections(
    @Arg("state", () => ObjectionState, { nullable: true }) state: ObjectionStateValue | null,
    @Ctx() context: ObjectionContext,
  ): Promise<Objection[]> {
    return findObjections(context, state ?? null);
  }

  @Query(() => RepairEligibility, {
    description:
      "Whether an item can be repaired now (JRP art. 18, PCIM art. 31), each unmet condition with its article and earliest date.",
  })
  async repairEligibility(
    @Arg("targetId", () => ID) targetId: string,
    @Arg("rectifiedOn", () => DateScalar, {
      nullable: true,
      description:
        "The day obligations were performed or rectification completed; the periods count from it.",
    })
    rectifiedOn: string | null,
    @Ctx() context: ObjectionContext,
  ): Promise<RepairEligibility> {
    return findRepairEligibility(context, targetId, rectifiedOn ?? null);
  }

  @Mutation(() => RepairCase, {
    description: "SUBJECT: applies for credit repair with a written commitment.",
  })
  async applyForRepair(
    @Arg("input", () => RepairInput) input: RepairInput,
    @Ctx() context: ObjectionContext,
  ): Promise<RepairCase> {
    return applyForRepair(context, input);
  }

  @Mutation(() => RepairCase, {
    description:
      "The next step of a repair: the provider's opinion, publicity, an objection during publicity (anyone signed in; the provider verifies), completion.",
  })
  async moveRepairCase(
    @Arg("id", () => ID) id: string,
    @Arg("to", () => RepairState) to: RepairStateValue,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() context: ObjectionContext,
  ): Promise<RepairCase> {
    return moveRepairCase(context, id, to, note ?? null);
  }

  @Query(() => [RepairCase], {
    description: "CREDIT_CENTER, PROVIDER (its items) and AUDITOR: repair cases, newest first.",
  })
  async repairCases(
    @Arg("state", () => RepairState, { nullable: true }) state: RepairStateValue | null,
    @Ctx() context: ObjectionContext,
  ): Promise<RepairCase[]> {
    return findRepairCases(context, state ?? null);
  }
}
