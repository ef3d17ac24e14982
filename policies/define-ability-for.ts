import { AbilityBuilder, createMongoAbility } from "@casl/ability";
import type { Viewer } from "../platform/viewer";
import type { AppAbility } from "./ability";
import { denyProhibitedData, ROLE_DEFINITIONS } from "./roles";

export class UnknownRoleError extends Error {
  override readonly name = "UnknownRoleError";
}

/** Builds the viewer's ability from the role table; an unknown role throws rather than getting defaults. */
export function defineAbilityFor(viewer: Viewer): AppAbility {
  const define = Object.hasOwn(ROLE_DEFINITIONS, viewer.role) ? ROLE_DEFINITIONS[viewer.role] : undefined;
  if (!define) throw new UnknownRoleError(`no permissions are defined for role ${String(viewer.role)}`);
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  define(viewer, builder);
  denyProhibitedData(builder);
  return builder.build();
}
