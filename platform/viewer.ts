/** Roles of docs/api.md "Identity". */
export const ROLES = [
  "PUBLIC",
  "SUBJECT",
  "GOVERNMENT",
  "ORGANIZATION",
  "PROVIDER",
  "CREDIT_CENTER",
  "AUDITOR",
  "CREDIT_AUTHORITY",
] as const;
export type Role = (typeof ROLES)[number];

/** Purposes a caller declares in `X-Credit-Purpose` (docs/api.md "Identity"). */
export const PURPOSES = [
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "SUPERVISION",
  "AWARDS",
  "PUBLIC_EMPLOYMENT",
  "EMPLOYMENT_SCREENING",
  "CREDIT_LENDING",
  "BUSINESS_COOPERATION",
] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === "string" && (PURPOSES as readonly string[]).includes(value);
}

/** Who is asking: established by the gateway from the bearer token, trusted by subgraphs only when signed. */
export type Viewer = Readonly<{
  role: Role;
  /** JWT `sub`; absent for PUBLIC. */
  actor: string | null;
  /** Organisation code (`org` claim). */
  org: string | null;
  /** The caller's own identifier (`subject` claim, role SUBJECT). */
  subject: string | null;
  purpose: Purpose | null;
}>;

export const PUBLIC_VIEWER: Viewer = Object.freeze({
  role: "PUBLIC",
  actor: null,
  org: null,
  subject: null,
  purpose: null,
});
