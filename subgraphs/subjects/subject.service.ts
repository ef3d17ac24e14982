import { subject as policySubject } from "@casl/ability";
import type { Transaction } from "kysely";
import type { SubjectsDatabase } from "./subjects.database";
import type { SubjectRelationKind } from "./subject.table";
import { checkIdentifier, maskCitizenId } from "../../domain/identifiers";
import { isOccupationGroup, OCCUPATION_GROUPS } from "../../domain/occupation-groups";
import { checkSubjectRef, type SubjectRef } from "../../domain/subject-ref";
import {
  BadUserInputError,
  ConsentRequiredError,
  ForbiddenError,
  InvalidIdentifierError,
} from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { recordDisclosed, withholdFromOthers } from "../shared/disclose";
import { chargePersonLookups } from "../shared/person-lookups";
import { entitledToPerson } from "../../policies/person-entitlement";
import type { AppAbility } from "../../policies/ability";
import { readsAuthorizedTierByConsent, requirePurposeForNonPublicData } from "../../policies/purpose";
import { ORGANISATION_PUBLIC_FIELDS, PERSON_AUTHORIZED_FIELDS } from "../../policies/subject-fields";
import type { SubjectContext } from "./subject.loaders";
import { readableSubjectFields, type VisibleSubjectRow } from "./subject.policy";
import { checkPageSize } from "../shared/pagination";
import { refuseUnlessAllowed } from "../shared/authorize";
import {
  listCurrentRelations,
  listRegistrars,
  listSubjectsByIdentifiers,
  registerSubjects,
  replaceRelations,
  searchVisibleOrganisations,
  updateSubjectDetails,
} from "./subject.repository";
import { GUARDED_SUBJECT_FIELDS, ResponsiblePerson, Subject, type GuardedSubjectField } from "./subject.type";

export function toSubject(row: VisibleSubjectRow, ability: AppAbility): Subject {
  const readable = readableSubjectFields(ability, row, ["identifier", ...GUARDED_SUBJECT_FIELDS]);
  return Object.assign(new Subject(), {
    id: row.id,
    kind: row.kind,
    name: row.name,
    identifier: readable.has("identifier") ? row.identifier : maskCitizenId(row.identifier),
    details: {
      sex: row.sex,
      birthDate: row.birth_date,
      occupationGroup: row.occupation_group,
      employerIdentifier: row.employer_identifier,
      stateEmployee: row.state_employee,
      registeredAddress: row.registered_address,
      nature: row.nature,
      region: row.region,
    },
    readableFields: new Set(GUARDED_SUBJECT_FIELDS.filter((field) => readable.has(field))),
  });
}

/**
 * A guarded field: its value when the viewer may read it; otherwise null with, at the field's path,
 * PURPOSE_REQUIRED (a GOVERNMENT or ORGANIZATION viewer declared no purpose), CONSENT_REQUIRED (an
 * authorized-tier field without consent) or FORBIDDEN.
 */
export function revealSubjectField<T>(
  context: SubjectContext,
  subject: Subject,
  field: GuardedSubjectField,
  value: T,
): T {
  if (subject.readableFields.has(field)) return value;
  const publicForOrganisations =
    subject.kind !== "NATURAL_PERSON" && ORGANISATION_PUBLIC_FIELDS.includes(field);
  if (!publicForOrganisations) requirePurposeForNonPublicData(context.viewer);
  if (
    subject.kind === "NATURAL_PERSON" &&
    PERSON_AUTHORIZED_FIELDS.includes(field) &&
    readsAuthorizedTierByConsent(context.viewer)
  ) {
    throw new ConsentRequiredError();
  }
  throw new ForbiddenError(`your role may not read ${field} of this subject`);
}

function discloseSubject(context: SubjectContext, row: VisibleSubjectRow): Subject {
  const subject = toSubject(row, context.ability);
  subject.details = withholdFromOthers(context, "Subject", row.identifier, subject.details);
  const tier = subject.readableFields.has("employer")
    ? "AUTHORIZED"
    : subject.readableFields.has("sex")
      ? "GOVERNMENT"
      : "PUBLIC";
  recordDisclosed(context, {
    subjectId: row.id,
    subjectIdentifier: row.identifier,
    entityType: "Subject",
    tier: row.kind === "NATURAL_PERSON" ? tier : "PUBLIC",
    consentId: tier === "AUTHORIZED" ? row.consent_id : null,
  });
  return subject;
}

/**
 * `subject(identifier)`: a bad checksum is `INVALID_IDENTIFIER` naming the rule; unknown is null — and so
 * is a person the viewer's rules do not reach (for the public: one without public information in force).
 * A caller not entitled to the person (no consent, no duty, not the person itself) looks up at most
 * `publicPersonLookupsPerHour` distinct persons an hour, per actor and per network, known or not.
 */
export async function findSubject(context: SubjectContext, rawIdentifier: string): Promise<Subject | null> {
  refuseUnlessAllowed(
    context.ability,
    "read",
    "Subject",
    `role ${context.viewer.role} reads no subject data`,
  );
  const check = checkIdentifier(rawIdentifier, undefined, context.today);
  if (!check.valid) {
    throw new InvalidIdentifierError(`identifier rejected: ${check.rule}; check the number and try again`, {
      argument: "identifier",
    });
  }
  const row = await context.loaders.subjectByIdentifier.load(check.identifier);
  if (
    check.kind === "CITIZEN_ID" &&
    !entitledToPerson(context.ability, check.identifier, row?.consent_id != null)
  ) {
    await chargePersonLookups(context, [check.identifier]);
  }
  return row ? discloseSubject(context, row) : null;
}

/** The most organisations one search answers: a name search is for finding one, not for listing the register. */
export const MAX_ORGANISATION_SEARCH = 50;

/**
 * `searchOrganisations(name)`: legal persons and other organisations whose name contains the text, as the
 * viewer may read them. Never a natural person, for any viewer: a person is found by their ID number only,
 * so that a name never answers "is this person on file?".
 */
export async function searchOrganisations(
  context: SubjectContext,
  rawName: string,
  first: number,
): Promise<Subject[]> {
  refuseUnlessAllowed(
    context.ability,
    "read",
    "Subject",
    `role ${context.viewer.role} reads no subject data`,
  );
  checkPageSize(first, MAX_ORGANISATION_SEARCH);
  // Invisible and control characters (a zero-width space pasted with a name) are no part of a name.
  const name = rawName
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  if ([...name].length < 2 || [...name].length > 100) {
    throw new BadUserInputError("name must be 2 to 100 characters: part of an organisation's name", {
      argument: "name",
    });
  }
  const rows = await searchVisibleOrganisations(context.db, name, first, context.loaders.access);
  return rows.map((row) => discloseSubject(context, row));
}

/** Entity resolution from other subgraphs: batched through the request's loader. */
export async function resolveSubjectById(context: SubjectContext, id: string): Promise<Subject | null> {
  if (!context.ability.can("read", "Subject")) return null;
  const row = await context.loaders.subjectById.load(id);
  return row ? discloseSubject(context, row) : null;
}

export async function resolveEmployer(context: SubjectContext, subject: Subject): Promise<Subject | null> {
  const identifier = revealSubjectField(context, subject, "employer", subject.details.employerIdentifier);
  const row = identifier ? await context.loaders.subjectByIdentifier.load(identifier) : undefined;
  return row ? discloseSubject(context, row) : null;
}

export async function resolveResponsiblePersons(
  context: SubjectContext,
  subject: Subject,
  only?: SubjectRelationKind,
): Promise<ResponsiblePerson[]> {
  revealSubjectField(
    context,
    subject,
    only === "LEGAL_REPRESENTATIVE" ? "legalRepresentative" : "responsiblePersons",
    null,
  );
  const relations = (await context.loaders.relationsByOrganisationId.load(subject.id)).filter(
    (relation) => !only || relation.relation === only,
  );
  const persons = await context.loaders.subjectById.loadMany(relations.map((relation) => relation.person_id));
  return relations.flatMap((relation, index) => {
    const person = persons[index];
    if (!person || person instanceof Error) return [];
    return [
      Object.assign(new ResponsiblePerson(), {
        relation: relation.relation,
        person: discloseSubject(context, person),
      }),
    ];
  });
}

export type SubjectRegistration = Readonly<{
  subject: SubjectRef;
  occupationGroup?: string | null;
  employerIdentifier?: string | null;
  stateEmployee?: boolean | null;
  registeredAddress?: string | null;
  nature?: string | null;
  superiorUnit?: string | null;
  legalRepresentative?: SubjectRef | null;
  responsiblePersons?: readonly SubjectRef[] | null;
  relationsSince?: string | null;
}>;

/**
 * `registerSubject`: a PROVIDER records registration facts (PCIM art. 10): a person's occupation group,
 * employer and state-employee status; an organisation's address, nature, legal representative and
 * responsible persons. Those relations carry an organisation's severe items to its people (PCIM art. 26).
 */
export async function registerSubject(context: SubjectContext, input: SubjectRegistration): Promise<Subject> {
  refuseUnlessAllowed(
    context.ability,
    "register",
    "Subject",
    "subjects are registered by a registering unit (PROVIDER) or the credit centre",
  );
  const problems: InputProblem[] = [];
  const subject = checkSubjectRef(input.subject, "input.subject", problems, context.today);
  const person = input.subject.kind === "NATURAL_PERSON";
  if (input.occupationGroup && !isOccupationGroup(input.occupationGroup)) {
    problems.push({
      field: "input.occupationGroup",
      reason: `not one of the 29 key groups: ${OCCUPATION_GROUPS.map((group) => group.code).join(", ")}`,
      code: "BAD_USER_INPUT",
    });
  }
  let employerIdentifier: string | null = null;
  if (input.employerIdentifier) {
    const check = checkIdentifier(input.employerIdentifier, "USCC", context.today);
    if (check.valid) employerIdentifier = check.identifier;
    else problems.push({ field: "input.employerIdentifier", reason: check.rule, code: "INVALID_IDENTIFIER" });
  }
  const personOnly = [input.occupationGroup, input.employerIdentifier, input.stateEmployee].some(
    (value) => value != null,
  );
  const organisationOnly = [
    input.registeredAddress,
    input.nature,
    input.superiorUnit,
    input.legalRepresentative,
    input.responsiblePersons,
  ].some((value) => value != null);
  const superiorUnit = input.superiorUnit?.trim();
  if (superiorUnit !== undefined && (superiorUnit.length === 0 || superiorUnit.length > 100))
    problems.push({
      field: "input.superiorUnit",
      reason: "an organisation code of 1 to 100 characters",
      code: "BAD_USER_INPUT",
    });
  if (person && organisationOnly)
    problems.push({
      field: "input",
      reason: "address, nature and responsible persons belong to organisations",
      code: "BAD_USER_INPUT",
    });
  if (!person && personOnly)
    problems.push({
      field: "input",
      reason: "occupation, employer and state employment belong to natural persons",
      code: "BAD_USER_INPUT",
    });
  const people = [
    ...(input.legalRepresentative
      ? [
          {
            ref: input.legalRepresentative,
            relation: "LEGAL_REPRESENTATIVE" as const,
            field: "input.legalRepresentative",
          },
        ]
      : []),
    ...(input.responsiblePersons ?? []).map((ref, index) => ({
      ref,
      relation: "RESPONSIBLE_PERSON" as const,
      field: `input.responsiblePersons[${index}]`,
    })),
  ];
  const checkedPeople = people.map((entry) => {
    if (entry.ref.kind !== "NATURAL_PERSON")
      problems.push({
        field: `${entry.field}.kind`,
        reason: "a responsible person is a NATURAL_PERSON",
        code: "BAD_USER_INPUT",
      });
    return { ...entry, checked: checkSubjectRef(entry.ref, entry.field, problems, context.today) };
  });
  const { today } = context;
  const relationsSince = input.relationsSince ?? today;
  if (relationsSince > today)
    problems.push({ field: "input.relationsSince", reason: "lies in the future", code: "BAD_USER_INPUT" });
  refuseIfProblems(problems, "registration");

  const row = await context.db.transaction().execute(async (trx: Transaction<SubjectsDatabase>) => {
    const [existing] = await listSubjectsByIdentifiers(trx, [subject!.identifier]);
    const owner = existing?.registered_by ?? null;
    const registrars = await listRegistrars(trx, subject!.kind);
    refuseUnlessAllowed(
      context.ability,
      "register",
      policySubject("Subject", {
        subjectIdentifier: subject!.identifier,
        kind: subject!.kind,
        consented: false,
        registeredBy: owner,
        registrars,
      }),
      "a subject's registration is changed by its registering authority (the unit that registered it) or the credit centre",
    );
    const registered = await registerSubjects(trx, [
      subject!,
      ...checkedPeople.map((entry) => entry.checked!),
    ]);
    const own = registered.get(subject!.identifier)!;
    const claims =
      context.viewer.org &&
      context.ability.can(
        "claim",
        policySubject("Subject", {
          subjectIdentifier: subject!.identifier,
          kind: subject!.kind,
          consented: false,
          registeredBy: owner,
          registrars,
        }),
      );
    const claim = claims ? { registered_by: context.viewer.org! } : {};
    await updateSubjectDetails(trx, own.id, {
      ...claim,
      ...(person
        ? {
            ...(input.occupationGroup !== undefined ? { occupation_group: input.occupationGroup } : {}),
            ...(input.employerIdentifier !== undefined ? { employer_identifier: employerIdentifier } : {}),
            ...(input.stateEmployee != null ? { state_employee: input.stateEmployee } : {}),
          }
        : {
            ...(input.registeredAddress !== undefined ? { registered_address: input.registeredAddress } : {}),
            ...(input.nature !== undefined ? { nature: input.nature } : {}),
            ...(input.superiorUnit !== undefined ? { superior_unit: superiorUnit ?? null } : {}),
          }),
    });
    if (!person && (input.legalRepresentative !== undefined || input.responsiblePersons !== undefined)) {
      // Only the roles the registration names change: a new legal representative leaves the responsible persons.
      const kinds: SubjectRelationKind[] = [
        ...(input.legalRepresentative !== undefined ? (["LEGAL_REPRESENTATIVE"] as const) : []),
        ...(input.responsiblePersons !== undefined ? (["RESPONSIBLE_PERSON"] as const) : []),
      ];
      const wanted = checkedPeople.map((entry) => ({
        personId: registered.get(entry.checked!.identifier)!.id,
        relation: entry.relation,
      }));
      const ending = (await listCurrentRelations(trx, own.id, kinds)).filter(
        (row) => !wanted.some((item) => item.personId === row.person_id && item.relation === row.relation),
      );
      const lastStart = ending
        .map((row) => row.valid_from)
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1);
      if (lastStart !== undefined && relationsSince <= lastStart) {
        refuseIfProblems(
          [
            {
              field: "input.relationsSince",
              reason: `the holders it replaces took office on ${lastStart}; their successors take office after that day`,
              code: "BAD_USER_INPUT",
            },
          ],
          "registration",
        );
      }
      await replaceRelations(trx, own.id, kinds, wanted, relationsSince);
    }
    return own.id;
  });
  const stored = await context.loaders.subjectById.load(row);
  if (!stored)
    throw new ForbiddenError("the registration was stored, but your role may not read this subject");
  return discloseSubject(context, stored);
}
