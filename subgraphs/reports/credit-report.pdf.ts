import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb, type PDFFont, type PDFImage, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { canonicalJson } from "../../platform/report-signature";
import type { ReportContent } from "./credit-report.rules";

/*
 * The report as a PDF: Chinese text in Noto Sans SC (SIL Open Font License, from the npm package
 * @expo-google-fonts/noto-sans-sc), subset-embedded so only the glyphs used travel; the verification code and a
 * QR code of it on every page; the signed content attached as `credit-report.json`. The caller signs the bytes.
 */

const FONT_FILE = createRequire(import.meta.url).resolve(
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);
/** The font is a static asset of the package, read once per process; nothing request-specific is kept. */
let fontBytes: Promise<Buffer> | undefined;

const PAGE = { width: 595.28, height: 841.89, margin: 50, footer: 96 } as const;
const SIZE = { title: 20, heading: 13, body: 10 } as const;
const LINE = 15;

const CATEGORY: Record<string, string> = {
  BASIC: "基础信息",
  POSITIVE: "正面信息",
  NEGATIVE: "负面信息",
  OTHER: "其他信息",
};
const TIER: Record<string, string> = { PUBLIC: "社会公开", GOVERNMENT: "政府共享", AUTHORIZED: "授权查询" };
const SEVERITY: Record<string, string> = { GENERAL: "一般", SERIOUS: "较重", SEVERE: "严重" };
const LIST: Record<string, string> = { RED: "红名单", BLACK: "黑名单" };
const KIND: Record<string, string> = {
  NATURAL_PERSON: "自然人",
  LEGAL_PERSON: "法人",
  OTHER_ORGANIZATION: "非法人组织",
};
const WORKFLOW: Record<string, string> = { OBJECTION: "异议", REPAIR: "信用修复" };
const PURPOSE: Record<string, string> = {
  ADMINISTRATIVE_LICENSING: "行政许可",
  FISCAL_FUNDS: "财政资金",
  PUBLIC_RESOURCE_TRADING: "公共资源交易",
  SUPERVISION: "监管",
  AWARDS: "表彰评优",
  PUBLIC_EMPLOYMENT: "公职招录",
  EMPLOYMENT_SCREENING: "入职审查",
  CREDIT_LENDING: "信贷",
  BUSINESS_COOPERATION: "商务合作",
};

type SubsetInternals = { _addGlyph(gid: number): number; glyf: Uint8Array[]; offset: number };

/**
 * `@pdf-lib/fontkit` with one fix: its TrueType subsetter writes the short `loca` format (offsets stored halved)
 * whenever the subset is small, without padding odd-length glyphs — every glyph after an odd one then points a
 * byte off and renders blank (about half of Noto Sans SC's glyphs are odd-length). Padding each glyph to an even
 * length, as the TrueType spec asks, keeps every offset exact.
 */
export const subsettingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(data, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      const internals = subset as unknown as SubsetInternals;
      const addGlyph = internals._addGlyph.bind(subset);
      internals._addGlyph = (gid: number) => {
        const index = addGlyph(gid);
        const glyph = internals.glyf[index]!;
        if (glyph.length % 2 === 1) {
          // Of the bundle's own Buffer class (its stream accepts no other), one zero byte longer.
          const padded = (glyph.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(
            glyph.length + 1,
          );
          padded.set(glyph);
          internals.glyf[index] = padded;
          internals.offset += 1;
        }
        return index;
      };
      return subset;
    };
    return font;
  },
};

export type ReportPrint = Readonly<{ content: ReportContent; verificationCode: string }>;

/** Lays the report out on A4 pages and returns the unsigned PDF bytes (deterministic for the same content and code). */
export async function renderCreditReportPdf({ content, verificationCode }: ReportPrint): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.registerFontkit(subsettingFontkit);
  const font = await document.embedFont(await (fontBytes ??= readFile(FONT_FILE)), { subset: true });
  const qr = await document.embedPng(
    await QRCode.toBuffer(`credit-report:${verificationCode}`, {
      type: "png",
      margin: 1,
      width: 160,
      errorCorrectionLevel: "M",
    }),
  );
  const issuedAt = new Date(content.issuedAt);
  document.setTitle(`信用报告 ${content.subject.name}`);
  document.setProducer("credit-federation");
  document.setCreator("credit-federation");
  document.setCreationDate(issuedAt);
  document.setModificationDate(issuedAt);
  await document.attach(Buffer.from(canonicalJson(content), "utf8"), "credit-report.json", {
    mimeType: "application/json",
    description: "The report's content as signed (canonical JSON)",
    creationDate: issuedAt,
    modificationDate: issuedAt,
  });

  const writer = new PageWriter(document, font);
  writer.text("信用报告", SIZE.title);
  writer.text("（公共信用信息）", SIZE.heading);
  writer.gap();
  writer.text(`信息主体：${content.subject.name}（${KIND[content.subject.kind] ?? content.subject.kind}）`);
  writer.text(`身份证号码 / 统一社会信用代码：${content.subject.identifier}`);
  writer.text(
    `报告用途：${PURPOSE[content.purpose] ?? content.purpose}　　信息范围：${content.tiers.map((tier) => TIER[tier] ?? tier).join("、")}`,
  );
  writer.text(
    `出具时间：${beijingTime(content.issuedAt)}　　验证有效期至：${beijingTime(content.validUntil)}`,
  );
  writer.text(`报告编号：${content.reportId}　　签名密钥：${content.keyId}`);
  writer.gap();

  writer.text("一、信用记录（在有效期内）", SIZE.heading);
  if (content.records.length === 0) writer.text("无。");
  for (const record of content.records) {
    const severity = record.severity ? `，${SEVERITY[record.severity] ?? record.severity}` : "";
    writer.text(
      `【${CATEGORY[record.category] ?? record.category}${severity}｜${TIER[record.tier] ?? record.tier}】${record.title}`,
    );
    writer.text(
      `提供单位：${record.provider}　决定日期：${record.decidedOn}　有效期至：${record.expiresOn ?? "—"}`,
      SIZE.body,
      16,
    );
  }
  writer.gap();
  writer.text("二、红黑名单（在有效期内）", SIZE.heading);
  if (content.listEntries.length === 0) writer.text("无。");
  for (const entry of content.listEntries) {
    writer.text(
      `【${LIST[entry.list] ?? entry.list}】认定单位：${entry.recognizedBy}　认定日期：${entry.recognizedOn}　有效期至：${entry.validUntil ?? "—"}`,
    );
    writer.text(`认定类别：${entry.grounds}　文书号：${entry.documentNumber}`, SIZE.body, 16);
    writer.text(`主要事实：${entry.facts}`, SIZE.body, 16);
    writer.text(`依据：${entry.basis}`, SIZE.body, 16);
  }
  writer.gap();
  writer.text("三、异议与信用修复（涉及上列信息）", SIZE.heading);
  if (content.workflows.length === 0) writer.text("无。");
  for (const workflow of content.workflows) {
    writer.text(
      `${WORKFLOW[workflow.kind] ?? workflow.kind}：${workflow.state}（${workflow.stateChangedOn}），涉及信息 ${workflow.targetId}`,
    );
  }
  writer.gap();
  writer.text(
    "说明：本报告仅含信息主体选择的范围内、依规则可向第三方提供的公共信用信息，不含禁止采集的信息。",
    SIZE.body,
  );
  writer.text("凭验证码可在有效期内核验本报告是否真实、是否已撤回，以及出具后信息是否变化。", SIZE.body);

  const pages = document.getPages();
  pages.forEach((page, index) =>
    drawFooter(page, font, qr, verificationCode, beijingTime(content.validUntil), index + 1, pages.length),
  );
  return document.save({ useObjectStreams: false });
}

/** An instant as a reader in China reads it: `2026-11-18 10:00（北京时间）`. */
function beijingTime(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ")}（北京时间）`;
}

function drawFooter(
  page: PDFPage,
  font: PDFFont,
  qr: PDFImage,
  code: string,
  validUntil: string,
  number: number,
  count: number,
): void {
  const size = 64;
  page.drawImage(qr, { x: PAGE.width - PAGE.margin - size, y: 20, width: size, height: size });
  page.drawLine({
    start: { x: PAGE.margin, y: PAGE.footer - 6 },
    end: { x: PAGE.width - PAGE.margin, y: PAGE.footer - 6 },
    thickness: 0.5,
    color: rgb(0.6, 0.6, 0.6),
  });
  page.drawText(`验证码 ${code}`, { x: PAGE.margin, y: 56, size: 12, font });
  page.drawText(`验证有效期至 ${validUntil}　第 ${number} / ${count} 页`, {
    x: PAGE.margin,
    y: 38,
    size: 9,
    font,
  });
  page.drawText("核验：verifyCreditReport(code)；离线核验：npm run report:verify -- 文件.pdf", {
    x: PAGE.margin,
    y: 24,
    size: 8,
    font,
  });
}

/** Writes wrapped lines top-down, starting a new page above the footer. */
class PageWriter {
  private page: PDFPage;
  private y = 0;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly document: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = this.newPage();
  }

  text(value: string, size: number = SIZE.body, indent = 0): void {
    const width = PAGE.width - 2 * PAGE.margin - indent;
    for (const line of this.wrap(value, size, width)) {
      if (this.y - LINE < PAGE.footer) this.page = this.newPage();
      this.y -= size > SIZE.body ? size + 6 : LINE;
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y, size, font: this.font });
    }
  }

  gap(): void {
    this.y -= LINE / 2;
  }

  private newPage(): PDFPage {
    const page = this.document.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
    return page;
  }

  /**
   * Lines no wider than `width`, measured as the sum of each character's advance (cached per character and
   * size): measuring the growing line through the font's layout at every character made a report's time grow
   * with the square of its line length, seconds for a few thousand items.
   */
  private wrap(value: string, size: number, width: number): string[] {
    const lines: string[] = [];
    let line = "";
    let lineWidth = 0;
    for (const char of value.replace(/[\r\n\t]+/g, " ")) {
      const charWidth = this.widthOf(char, size);
      if (line && lineWidth + charWidth > width) {
        lines.push(line);
        line = "";
        lineWidth = 0;
      }
      line += char;
      lineWidth += charWidth;
    }
    return [...lines, line];
  }

  private widthOf(char: string, size: number): number {
    const key = `${size}\u0000${char}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.font.widthOfTextAtSize(char, size);
      this.widths.set(key, width);
    }
    return width;
  }
}
