import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL, type GraphiQLProps } from "graphiql";
import "graphiql/graphiql.css";
import "./graphiql.css";
import { currentToken } from "../session";

/**
 * The developer IDE, served by the gateway at `/graphiql` in development only. Requests go
 * to this origin's `/graphql` with the portal tab's token when it is signed in (sessionStorage, never a URL
 * or localStorage); headers typed into the editor are sent but never stored.
 */
const fetcher: GraphiQLProps["fetcher"] = async (params, options) => {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...(options?.headers as Record<string, string> | undefined),
  };
  const token = currentToken();
  if (token && !Object.keys(headers).some((name) => name.toLowerCase() === "authorization"))
    headers.authorization = `Bearer ${token}`;
  const response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify(params) });
  return response.json();
};

const DEFAULT_QUERY = `# 联合奖惩措施目录 · the joint measures catalogue
{
  measures(list: BLACK) {
    code
    title
    decision
  }
}
`;

createRoot(document.getElementById("graphiql")!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: DEFAULT_QUERY,
    shouldPersistHeaders: false,
    showPersistHeadersSettings: false,
    defaultEditorToolsVisibility: "headers",
  }),
);
