import { readdirSync } from "node:fs";
import path from "node:path";
import type { Root } from "mdast";
import { remark } from "remark";
import remarkGfm from "remark-gfm";
import remarkValidateLinks from "remark-validate-links";
import { engine, type Options as EngineOptions } from "unified-engine";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";

/** README.md and every page under docs/: what a reader of a clone follows. */
function markdownFiles(): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(path.join(PACKAGE_ROOT, folder), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? walk(path.join(folder, entry.name))
        : entry.name.endsWith(".md")
          ? [path.join(folder, entry.name)]
          : [],
    );
  return ["README.md", ...walk("docs")];
}

/** Flags a relative link whose target lies above the repository's root: a clone has nothing there (no ../shared). */
function remarkLinksStayInRepo() {
  return (tree: Root, file: VFile) => {
    const folder = path.dirname(path.resolve(PACKAGE_ROOT, file.path));
    visit(tree, ["link", "image", "definition"], (node) => {
      const url = (node as { url: string }).url;
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("#")) return;
      const target = path.resolve(folder, decodeURI(url.split("#")[0]!));
      if (path.isAbsolute(url) || path.relative(PACKAGE_ROOT, target).startsWith("..")) {
        file.message(`Link leaves the repository: \`${url}\``, node);
      }
    });
  };
}

/**
 * remark-validate-links run by unified-engine (the engine remark-cli runs), which hands the plugin the whole file
 * set, so a link to a heading of another file is checked too, not only that the file exists. `repository: false`:
 * nothing is fetched; web links are left alone.
 */
async function linkProblems(files: string[]): Promise<string[]> {
  const processed = await new Promise<VFile[]>((resolve, reject) => {
    engine(
      {
        processor: remark(),
        // The engine types a plugin as taking `unknown` parameters, which no typed plugin does.
        plugins: [
          [remarkGfm],
          [remarkLinksStayInRepo],
          [remarkValidateLinks, { repository: false, root: PACKAGE_ROOT }],
        ] as unknown as EngineOptions["plugins"],
        files,
        cwd: PACKAGE_ROOT,
        extensions: ["md"],
        quiet: true,
        silent: true,
        out: false,
        detectConfig: false,
        detectIgnore: false,
        color: false,
      },
      (error, _code, context) => (error ? reject(error) : resolve(context?.files ?? [])),
    );
  });
  return processed.flatMap((file) =>
    file.messages.map((message) => `${file.path}:${message.line ?? "?"}: ${message.reason}`),
  );
}

describe("the docs' links", () => {
  it("resolve to a file in the repository, and to a heading where they name one", async () => {
    expect(await linkProblems(markdownFiles())).toEqual([]);
  });
});
