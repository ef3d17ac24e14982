import { useEffect, useState } from "preact/hooks";
import type { Role } from "../domain/vocabulary";

/**
 * The bearer token lives in this tab only (sessionStorage): closing the tab signs out, another tab starts
 * signed out, and the token never appears in a URL.
 */
const TOKEN_KEY = "credit.token";

export type Identity = Readonly<{
  role: string;
  org: string | null;
  subject: string | null;
  actor: string | null;
  expiresAt: number | null;
}>;

const listeners = new Set<() => void>();

export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
  for (const listener of listeners) listener();
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  for (const listener of listeners) listener();
}

/** What the token says about its holder, for the page to show; the gateway verifies it on every request. */
export function identityOf(token: string | null): Identity | null {
  if (!token) return null;
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as Record<
      string,
      unknown
    >;
    const text = (value: unknown) => (typeof value === "string" ? value : null);
    const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 : null;
    if (expiresAt !== null && expiresAt < Date.now()) return null;
    return {
      role: text(payload.role) ?? "PUBLIC",
      org: text(payload.org),
      subject: text(payload.subject),
      actor: text(payload.sub),
      expiresAt,
    };
  } catch {
    return null;
  }
}

/** The signed-in identity, updated when this tab signs in or out. */
export function useIdentity(): Identity | null {
  const [identity, setIdentity] = useState(() => identityOf(currentToken()));
  useEffect(() => {
    const update = () => setIdentity(identityOf(currentToken()));
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return identity;
}

/**
 * Which roles each part of the portal is for: the menu, the pages and their role gates ask this one table.
 * The portal only spares a viewer requests the gateway would refuse; the gateway decides what each may see.
 */
export const PAGE_ROLES = {
  me: ["SUBJECT"],
  officer: ["GOVERNMENT", "ORGANIZATION"],
  audit: ["AUDITOR"],
  workbench: ["CREDIT_CENTER", "CREDIT_AUTHORITY"],
  publicationReview: ["CREDIT_CENTER"],
} as const satisfies Record<string, readonly Role[]>;

/** Whether the signed-in identity holds one of `roles` (nobody signed in holds none). */
export function hasRole(identity: Identity | null, roles: readonly Role[]): identity is Identity {
  return identity !== null && (roles as readonly string[]).includes(identity.role);
}
