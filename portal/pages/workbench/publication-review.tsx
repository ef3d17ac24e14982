import { useState } from "preact/hooks";
import { FailureNotice, Loaded, RoleGate } from "../../components";
import { asFailure, request, type GraphQLFailure } from "../../graphql";
import type { PublicationReviewsQuery } from "../../gql/graphql";
import { defineMessages, useLanguage, useMessages } from "../../i18n";
import { hasRole, PAGE_ROLES, useIdentity } from "../../session";
import { useGraphQL } from "../../use-graphql";
import { DECIDE_PUBLICATION, PUBLICATION_REVIEWS } from "./api";

const messages = defineMessages({
  "zh-CN": {
    title: "发布前审核",
    intro: "涉及自然人的公开信息，经信用中心审核后方可向社会公开。禁止采集信息检测结果仅供审核参考。",
    back: "返回工作台",
    count: "待审核 {count} 件（按提交时间先后）",
    none: "没有待审核的信息。",
    CREDIT_RECORD: "信用信息",
    LIST_ENTRY: "名单信息",
    subject: "信用主体",
    provider: "提供单位",
    submitted: "提交时间",
    field_title: "标题",
    field_attributes: "其他事项",
    field_facts: "失信（守信）事实",
    field_basis: "认定依据",
    hits: "检测提示",
    noHits: "未检测到禁止采集的信息",
    hit: "疑似{label}（{law}）",
    redactedText: "删改后公开的文字（第 {n} 件）",
    reason: "退回理由（第 {n} 件）",
    PUBLISH: "审核通过并公开",
    REDACT: "删改后公开",
    RETURN_TO_PROVIDER: "退回提供单位",
    PUBLISHED: "已公开",
    REDACTED: "已删改后公开",
    RETURNED: "已退回",
    decided: "已办理：{id} → {state}",
    next: "下一页",
    first: "回到第一页",
  },
  en: {
    title: "Review before publication",
    intro:
      "Public information about natural persons is published only once the credit centre has reviewed it. The prohibited-data detector's findings are an aid to the reviewer.",
    back: "Back to the workbench",
    count: "{count} awaiting review (oldest first)",
    none: "Nothing awaits review.",
    CREDIT_RECORD: "Credit record",
    LIST_ENTRY: "List entry",
    subject: "Subject",
    provider: "Provider",
    submitted: "Submitted",
    field_title: "Title",
    field_attributes: "Further facts",
    field_facts: "Facts",
    field_basis: "Basis",
    hits: "Detector",
    noHits: "No prohibited data detected",
    hit: "Possibly {label} ({law})",
    redactedText: "Text to publish instead (item {n})",
    reason: "Reason for returning (item {n})",
    PUBLISH: "Publish",
    REDACT: "Publish redacted",
    RETURN_TO_PROVIDER: "Return to provider",
    PUBLISHED: "Published",
    REDACTED: "Published redacted",
    RETURNED: "Returned",
    decided: "Done: {id} → {state}",
    next: "Next page",
    first: "First page",
  },
});
type Key = Parameters<ReturnType<typeof useMessages<keyof (typeof messages)["en"]>>>[0];

type Review = PublicationReviewsQuery["publicationReviews"]["edges"][number]["node"];
type Hit = Review["texts"][number]["hits"][number];

/**
 * A text with the detector's findings marked. The detector names a category today; where a finding carries
 * character offsets, those characters are marked (`<mark>`), so the reviewer sees the very words.
 */
function MarkedText({ text, hits }: { text: string; hits: readonly Hit[] }) {
  const spans = hits
    .filter(
      (hit): hit is Hit & { start: number; end: number } =>
        hit.start !== null && hit.end !== null && hit.start < hit.end,
    )
    .sort((a, b) => a.start - b.start);
  const parts: Array<string | { marked: string }> = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    parts.push(text.slice(at, span.start), { marked: text.slice(span.start, span.end) });
    at = span.end;
  }
  parts.push(text.slice(at));
  return (
    <span class="reviewed-text">
      {parts.map((part, index) => (typeof part === "string" ? part : <mark key={index}>{part.marked}</mark>))}
    </span>
  );
}

export function PublicationReviewPage() {
  const t = useMessages(messages);
  const identity = useIdentity();
  const [after, setAfter] = useState<string | null>(null);
  const [decided, setDecided] = useState<string | null>(null);
  const queue = useGraphQL(
    PUBLICATION_REVIEWS,
    { after },
    { skip: !hasRole(identity, PAGE_ROLES.publicationReview) },
  );
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        <a href="/workbench">{t("back")}</a>
      </p>
      <RoleGate roles={PAGE_ROLES.publicationReview}>
        <Loaded state={queue}>
          {(data, reload) => {
            const page = data.publicationReviews;
            return (
              <>
                {decided ? (
                  <p class="notice ok" role="status">
                    {decided}
                  </p>
                ) : null}
                <p>{page.totalCount === 0 ? t("none") : t("count", { count: page.totalCount })}</p>
                <ol class="review-queue">
                  {page.edges.map((edge, index) => (
                    <ReviewCard
                      key={edge.node.id}
                      review={edge.node}
                      n={index + 1}
                      onDecided={(text) => {
                        setDecided(text);
                        reload();
                      }}
                      onStarted={() => setDecided(null)}
                    />
                  ))}
                </ol>
                <div class="moves">
                  {after ? (
                    <button type="button" class="secondary" onClick={() => setAfter(null)}>
                      {t("first")}
                    </button>
                  ) : null}
                  {page.pageInfo.hasNextPage ? (
                    <button type="button" class="secondary" onClick={() => setAfter(page.pageInfo.endCursor)}>
                      {t("next")}
                    </button>
                  ) : null}
                </div>
              </>
            );
          }}
        </Loaded>
      </RoleGate>
    </section>
  );
}

function ReviewCard({
  review,
  n,
  onDecided,
  onStarted,
}: {
  review: Review;
  n: number;
  onDecided: (text: string) => void;
  onStarted: () => void;
}) {
  const t = useMessages(messages);
  const language = useLanguage();
  const main = review.texts[0]?.text ?? "";
  const [redacted, setRedacted] = useState(main);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const titleId = `review-${review.id}-title`;

  const decide = async (decision: "PUBLISH" | "REDACT" | "RETURN_TO_PROVIDER") => {
    setBusy(true);
    setFailure(null);
    onStarted();
    try {
      const input = {
        id: review.id,
        decision,
        ...(decision === "REDACT" ? { redactedText: redacted } : {}),
        ...(decision === "RETURN_TO_PROVIDER" ? { reason } : {}),
      };
      const answer = await request(DECIDE_PUBLICATION, { input });
      onDecided(t("decided", { id: review.id.slice(0, 8), state: t(answer.decidePublication.state as Key) }));
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="card review" data-review={review.id} aria-labelledby={titleId}>
      <h2 id={titleId}>
        {t(review.item)} · {review.kind}
      </h2>
      <dl class="facts">
        <dt>{t("subject")}</dt>
        <dd>
          {review.subject.name} {review.subject.identifier}
        </dd>
        <dt>{t("provider")}</dt>
        <dd>{review.provider}</dd>
        <dt>{t("submitted")}</dt>
        <dd>
          <time dateTime={review.submittedAt}>
            {new Date(review.submittedAt).toLocaleString(language, { timeZone: "Asia/Shanghai" })}
          </time>
        </dd>
      </dl>
      {review.texts.map((text) => (
        <div key={text.field} data-field={text.field}>
          <h3>{t(`field_${text.field}` as Key)}</h3>
          <p>
            <MarkedText text={text.text} hits={text.hits} />
          </p>
          <p data-hits={text.hits.length}>
            <strong>{t("hits")}：</strong>
            {text.hits.length === 0
              ? t("noHits")
              : text.hits.map((hit) => (
                  <span
                    key={`${hit.path}-${hit.category}-${hit.start ?? ""}`}
                    class="badge overdue"
                    data-category={hit.category}
                  >
                    {t("hit", { label: hit.label, law: hit.law })}
                  </span>
                ))}
          </p>
        </div>
      ))}
      <label for={`${review.id}-redacted`}>{t("redactedText", { n })}</label>
      <textarea
        id={`${review.id}-redacted`}
        rows={3}
        value={redacted}
        onInput={(event) => setRedacted(event.currentTarget.value)}
      />
      <label for={`${review.id}-reason`}>{t("reason", { n })}</label>
      <textarea
        id={`${review.id}-reason`}
        rows={2}
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <div class="moves">
        {(["PUBLISH", "REDACT", "RETURN_TO_PROVIDER"] as const).map((decision) => (
          <button
            key={decision}
            type="button"
            class={decision === "PUBLISH" ? undefined : "secondary"}
            disabled={busy}
            onClick={() => decide(decision)}
          >
            {t(decision)}
          </button>
        ))}
      </div>
      {failure ? <FailureNotice failure={failure} /> : null}
    </li>
  );
}
