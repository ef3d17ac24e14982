import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import { mintToken } from "../platform/tokens";
import { isRole } from "../platform/viewer";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import { PACKAGE_ROOT } from "../platform/package-root";

export type PortalOptions = Readonly<{
  /** The built portal (`dist/portal`: index.html and hashed assets). */
  directory: string;
  /**
   * Development only: the sign-in page may ask the server for a demo identity's token. Absent (always in
   * production): `/portal/demo-sign-in` answers 404, and the page asks for a pasted token instead.
   */
  demoSignIn?: Readonly<{ jwtSecret: string; ttlSeconds: number }> | undefined;
  /**
   * Development only: the GraphiQL IDE at `/graphiql` (built into `<directory>/graphiql`). Off (always in
   * production): `/graphiql` answers 404 and its files are never read.
   */
  graphiql?: boolean | undefined;
}>;

export type PortalServer = Readonly<{
  /** Answers the request when it is the portal's (pages, assets, demo sign-in); false: not the portal's. */
  handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<boolean>;
}>;

export const DEMO_SIGN_IN_PATH = "/portal/demo-sign-in";

export const GRAPHIQL_PATH = "/graphiql";

/** Paths that belong to the API, never answered with the portal's page. */
const API_PATHS = new Set(["/graphql", "/health", "/ready", "/metrics"]);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

/**
 * The portal's pages come only from this origin, run only its own scripts, and reach only this origin's
 * API: an injected string can neither load nor send anything elsewhere.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
};

/**
 * GraphiQL's own page (development only): the portal's policy, except that its stylesheet embeds its fonts as
 * `data:` URLs, which `font-src 'self'` would refuse. Still no inline script, no eval, nothing from elsewhere.
 */
const GRAPHIQL_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  "content-security-policy": SECURITY_HEADERS["content-security-policy"]!.replace(
    "font-src 'self'",
    "font-src 'self' data:",
  ),
};

type Asset = Readonly<{ body: Buffer; contentType: string }>;

async function readAssets(folder: string, urlPrefix: string): Promise<Map<string, Asset>> {
  const assets = new Map<string, Asset>();
  for (const file of await readdir(folder)) {
    const contentType = CONTENT_TYPES[path.extname(file)];
    if (contentType)
      assets.set(`${urlPrefix}/${file}`, { body: await readFile(path.join(folder, file)), contentType });
  }
  return assets;
}

/**
 * Serves the built portal from memory (a few hundred kB, read once at start): hashed assets cached for a
 * year, every other page path answered with index.html (the portal routes in the browser).
 */
export async function createPortalServer(options: PortalOptions, logger: Logger): Promise<PortalServer> {
  const assets = await readAssets(path.join(options.directory, "assets"), "/assets");
  const indexHtml = await readFile(path.join(options.directory, "index.html"));
  const graphiqlFolder = path.join(options.directory, "graphiql");
  const graphiql = options.graphiql
    ? {
        assets: await readAssets(path.join(graphiqlFolder, "assets"), `${GRAPHIQL_PATH}/assets`),
        page: await readFile(path.join(graphiqlFolder, "index.html")),
      }
    : undefined;

  const send = (
    response: ServerResponse,
    status: number,
    body: Buffer | string,
    headers: Readonly<Record<string, string>>,
    security = SECURITY_HEADERS,
  ): void => {
    response.statusCode = status;
    for (const [name, value] of Object.entries({ ...security, ...headers })) response.setHeader(name, value);
    response.end(body);
  };

  /** `/graphiql` and its assets: served in development, 404 otherwise (never the portal's page). */
  function serveGraphiQL(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const notFound = () =>
      send(response, 404, "GraphiQL is served in development only (NODE_ENV=development)\n", {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-store",
      });
    if (!graphiql || (request.method !== "GET" && request.method !== "HEAD")) return notFound();
    if (pathname === GRAPHIQL_PATH)
      return send(
        response,
        200,
        graphiql.page,
        { "content-type": CONTENT_TYPES[".html"]!, "cache-control": "no-cache" },
        GRAPHIQL_SECURITY_HEADERS,
      );
    const asset = graphiql.assets.get(pathname);
    if (!asset) return notFound();
    send(
      response,
      200,
      asset.body,
      { "content-type": asset.contentType, "cache-control": "public, max-age=31536000, immutable" },
      GRAPHIQL_SECURITY_HEADERS,
    );
  }

  async function demoSignIn(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const json = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
    if (!options.demoSignIn)
      return send(
        response,
        404,
        JSON.stringify({ error: "demo sign-in is off (development only: NODE_ENV=development)" }),
        json,
      );
    if (request.method === "GET") return send(response, 200, JSON.stringify({ available: true }), json);
    if (
      request.method !== "POST" ||
      !String(request.headers["content-type"] ?? "").startsWith("application/json")
    ) {
      return send(
        response,
        405,
        JSON.stringify({ error: "POST application/json { role, org?, subject? }" }),
        json,
      );
    }
    let body = "";
    for await (const chunk of request) {
      body += chunk;
      if (body.length > 1_000) return send(response, 413, JSON.stringify({ error: "body too large" }), json);
    }
    let claims: { role?: unknown; org?: unknown; subject?: unknown };
    try {
      claims = JSON.parse(body) as typeof claims;
    } catch {
      return send(response, 400, JSON.stringify({ error: "body is not JSON" }), json);
    }
    const text = (value: unknown): string | undefined =>
      typeof value === "string" && /^[0-9A-Za-z-]{1,40}$/.test(value) ? value : undefined;
    if (
      !isRole(claims?.role) ||
      (claims.org !== undefined && !text(claims.org)) ||
      (claims.subject !== undefined && !text(claims.subject))
    ) {
      return send(
        response,
        400,
        JSON.stringify({ error: "role must be a role; org and subject letters, digits and '-'" }),
        json,
      );
    }
    const token = await mintToken(options.demoSignIn.jwtSecret, {
      role: claims.role,
      org: text(claims.org),
      subject: text(claims.subject),
      sub: `portal-demo-${claims.role.toLowerCase()}`,
      ttl: `${options.demoSignIn.ttlSeconds}s`,
    });
    logger.info({ role: claims.role, org: text(claims.org) ?? null }, "portal demo sign-in");
    send(response, 200, JSON.stringify({ token }), json);
  }

  return {
    async handle(request, response, pathname) {
      if (pathname === DEMO_SIGN_IN_PATH) {
        await demoSignIn(request, response);
        return true;
      }
      if (pathname === GRAPHIQL_PATH || pathname.startsWith(`${GRAPHIQL_PATH}/`)) {
        serveGraphiQL(request, response, pathname);
        return true;
      }
      if (request.method !== "GET" && request.method !== "HEAD") return false;
      const asset = assets.get(pathname);
      if (asset) {
        send(response, 200, asset.body, {
          "content-type": asset.contentType,
          "cache-control": "public, max-age=31536000, immutable",
        });
        return true;
      }
      if (API_PATHS.has(pathname) || pathname.startsWith("/.well-known/") || pathname.startsWith("/assets/"))
        return false;
      if (!String(request.headers.accept ?? "").includes("text/html")) return false;
      send(response, 200, indexHtml, {
        "content-type": CONTENT_TYPES[".html"]!,
        "cache-control": "no-cache",
      });
      return true;
    },
  };
}

/**
 * The portal as `npm start` and `npm run gateway` serve it: built into `dist/portal`. Demo sign-in and GraphiQL
 * only when `NODE_ENV=development` is set by name: demo sign-in mints any role's token with the real secret, so
 * `test`, production and an unset NODE_ENV never offer it.
 */
export async function portalFor(
  config: Pick<Config, "env" | "maxTokenAgeSeconds">,
  jwtSecret: string,
  logger: Logger,
): Promise<PortalServer | undefined> {
  const directory = path.join(PACKAGE_ROOT, "dist", "portal");
  if (!existsSync(path.join(directory, "index.html"))) {
    logger.warn({ directory }, "the portal is not built (npm run build); serving the API only");
    return undefined;
  }
  const development = config.env === "development";
  const demoSignIn = development
    ? { jwtSecret, ttlSeconds: Math.min(3_600, config.maxTokenAgeSeconds) }
    : undefined;
  return createPortalServer(
    {
      directory,
      demoSignIn,
      graphiql: development && existsSync(path.join(directory, "graphiql", "index.html")),
    },
    logger,
  );
}
