import { Purpose, Role } from "../domain/vocabulary";

export type { Purpose, Role } from "../domain/vocabulary";

/** The roles (domain/vocabulary.ts), in their order. */
export const ROLES: readonly Role[] = Object.values(Role);

/** The purposes (domain/vocabulary.ts), in their order. */
export const PURPOSES: readonly Purpose[] = Object.values(Purpose);

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
