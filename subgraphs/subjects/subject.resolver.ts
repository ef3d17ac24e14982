import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { OCCUPATION_GROUPS } from "../../domain/occupation-groups";
import { DateScalar } from "../shared/scalars";
import { SubjectRegistrationInput } from "./subject.input";
import type { SubjectContext } from "./subject.loaders";
import {
  findSubject,
  registerSubject,
  searchOrganisations,
  resolveEmployer,
  resolveResponsiblePersons,
  revealSubjectField,
} from "./subject.service";
import { OccupationGroup, ResponsiblePerson, Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, {
    nullable: true,
    description: "Looks a subject up by citizen ID or USCC; INVALID_IDENTIFIER on a bad checksum.",
  })
  async subject(
    @Arg("identifier", () => String) identifier: string,
    @Ctx() context: SubjectContext,
  ): Promise<Subject | null> {
    return findSubject(context, identifier);
  }

  @Query(() => [Subject], {
    description:
      "Legal persons and other organisations whose name contains `name` (2-100 characters), by name, at most `first` (≤ 50); never a natural person. Public.",
  })
  async searchOrganisations(
    @Arg("name", () => String) name: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Ctx() context: SubjectContext,
  ): Promise<Subject[]> {
    return searchOrganisations(context, name, first);
  }

  @Query(() => [OccupationGroup], { description: "The 29 key occupational groups. Public." })
  occupationGroups(): OccupationGroup[] {
    return OCCUPATION_GROUPS.map((group) => Object.assign(new OccupationGroup(), group));
  }

  @Mutation(() => Subject, {
    description:
      "PROVIDER or CREDIT_CENTER: records registration facts of a subject (PCIM art. 10). The first registering PROVIDER owns the subject; another PROVIDER's registration of it is FORBIDDEN; the credit centre registers without owning.",
  })
  async registerSubject(
    @Arg("input", () => SubjectRegistrationInput) input: SubjectRegistrationInput,
    @Ctx() context: SubjectContext,
  ): Promise<Subject> {
    return registerSubject(context, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "MALE or FEMALE (natural persons, from the ID).",
  })
  sex(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "sex", subject.details.sex);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "From the ID (natural persons)." })
  birthDate(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "birthDate", subject.details.birthDate);
  }

  @FieldResolver(() => String, { nullable: true, description: "Key occupational group code." })
  occupationGroup(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "occupationGroup", subject.details.occupationGroup);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "A state employee (国家工作人员)." })
  stateEmployee(@Root() subject: Subject, @Ctx() context: SubjectContext): boolean | null {
    return revealSubjectField(context, subject, "stateEmployee", subject.details.stateEmployee);
  }

  @FieldResolver(() => Subject, { nullable: true, description: "The employer organisation." })
  async employer(@Root() subject: Subject, @Ctx() context: SubjectContext): Promise<Subject | null> {
    return resolveEmployer(context, subject);
  }

  @FieldResolver(() => String, { nullable: true })
  registeredAddress(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "registeredAddress", subject.details.registeredAddress);
  }

  @FieldResolver(() => String, { nullable: true, description: "Nature of an organisation." })
  nature(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "nature", subject.details.nature);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "Region code (USCC positions 3-8, or the ID's first six digits).",
  })
  region(@Root() subject: Subject, @Ctx() context: SubjectContext): string | null {
    return revealSubjectField(context, subject, "region", subject.details.region);
  }

  @FieldResolver(() => Subject, { nullable: true })
  async legalRepresentative(
    @Root() subject: Subject,
    @Ctx() context: SubjectContext,
  ): Promise<Subject | null> {
    const [representative] = await resolveResponsiblePersons(context, subject, "LEGAL_REPRESENTATIVE");
    return representative?.person ?? null;
  }

  @FieldResolver(() => [ResponsiblePerson], {
    nullable: true,
    description: "Legal representative, principal and responsible persons (PCIM art. 26).",
  })
  async responsiblePersons(
    @Root() subject: Subject,
    @Ctx() context: SubjectContext,
  ): Promise<ResponsiblePerson[]> {
    return resolveResponsiblePersons(context, subject);
  }
}
