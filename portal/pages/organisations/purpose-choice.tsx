import { defineMessages, useMessages } from "../../i18n";
import { PURPOSES, purposeMessages, type Purpose } from "../self-service/purposes";

const messages = defineMessages({
  "zh-CN": { purpose: "查询用途（将随查询记录并告知信用主体）", choose: "请选择" },
  en: { purpose: "Purpose of the lookup (recorded, and shown to the subject)", choose: "Choose one" },
});

/** The purpose an officer declares (X-Credit-Purpose) before any lookup; none chosen means no request is sent. */
export function PurposeChoice({
  id,
  value,
  onChange,
}: Readonly<{ id: string; value: Purpose | ""; onChange(purpose: Purpose | ""): void }>) {
  const t = useMessages(messages);
  const p = useMessages(purposeMessages);
  return (
    <>
      <label for={id}>{t("purpose")}</label>
      <select
        id={id}
        value={value}
        aria-required="true"
        onChange={(event) => onChange(event.currentTarget.value as Purpose | "")}
      >
        <option value="">{t("choose")}</option>
        {PURPOSES.map((purpose) => (
          <option key={purpose} value={purpose}>
            {p(purpose)}
          </option>
        ))}
      </select>
    </>
  );
}
