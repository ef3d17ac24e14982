import { describe, expect, it } from "vitest";
import { withDocumentImports } from "./portal-documents-plugin";

const TAG = 'import { graphql } from "../../gql";';

describe("the portal's documents in the bundle", () => {
  it("replaces each call, as written and as the formatter wraps it, by its generated document", () => {
    const source = `${TAG}\nexport const A = graphql(\`query A { measures { code } }\`);\nexport const B = graphql(\n  \`query B { measures { code } }\`,\n);\n`;
    const bundled = withDocumentImports(source, "portal/pages/x/api.ts", "/portal/gql/graphql.ts");
    expect(bundled).toContain('import { ADocument, BDocument } from "/portal/gql/graphql.ts";');
    expect(bundled).toContain("export const A = ADocument;");
    expect(bundled).toContain("export const B = BDocument;");
    expect(bundled).not.toMatch(/\bgraphql\(/);
  });

  it("fails the build on a call it cannot replace, instead of shipping a call of nothing", () => {
    const source = `${TAG}\nconst text = "query C { measures { code } }";\nexport const C = graphql(text);\n`;
    expect(() => withDocumentImports(source, "portal/pages/x/api.ts", "/portal/gql/graphql.ts")).toThrow(
      /graphql\(\) call/,
    );
  });

  it("leaves a source without the tag alone", () => {
    expect(withDocumentImports("export const x = 1;\n", "portal/x.ts", "/g.ts")).toBeUndefined();
  });
});
