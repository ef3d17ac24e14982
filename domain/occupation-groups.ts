/** The 29 key occupational groups with individual credit files (常信用办〔2019〕10号, table "29类重点人群"). */
export const OCCUPATION_GROUPS = [
  { code: "CIVIL_SERVANT", name: "公务员" },
  { code: "PUBLIC_INSTITUTION_STAFF", name: "事业单位工作人员" },
  { code: "LEGAL_REPRESENTATIVE", name: "企业法定代表人及相关责任人" },
  { code: "LAWYER", name: "律师" },
  { code: "TEACHER", name: "教师" },
  { code: "PHYSICIAN", name: "医师" },
  { code: "LICENSED_PHARMACIST", name: "执业药师(从业药师)" },
  { code: "FOOD_DRUG_KEY_POST", name: "食品药品关键岗位从业人员" },
  { code: "APPRAISER", name: "评估师" },
  { code: "TAX_ADVISER", name: "税务师" },
  { code: "FIRE_ENGINEER", name: "注册消防工程师" },
  { code: "ACCOUNTANT", name: "会计师" },
  { code: "AUDITOR", name: "审计师" },
  { code: "STATISTICIAN", name: "统计从业人员" },
  { code: "REAL_ESTATE_AGENT", name: "房地产中介从业人员" },
  { code: "CERTIFIER", name: "认证人员" },
  { code: "FINANCE_PROFESSIONAL", name: "金融从业人员" },
  { code: "TOUR_GUIDE", name: "导游" },
  { code: "COURIER", name: "寄递人员" },
  { code: "SAFETY_ASSESSOR", name: "安全评价师" },
  { code: "HEALTH_ASSESSOR", name: "卫生评价师" },
  { code: "ROAD_TRANSPORT", name: "道路运输经营者及从业人员" },
  { code: "MOTOR_VEHICLE_DRIVER", name: "机动车驾驶人" },
  { code: "ENVIRONMENTAL_ASSESSOR", name: "环境影响评价及检验监测从业人员" },
  { code: "QUALITY_INSPECTOR", name: "质量检验检测人员" },
  { code: "PATENT_AGENT", name: "专利代理人" },
  { code: "ECOMMERCE_PLATFORM_STAFF", name: "电子商务平台从业人员" },
  { code: "CONSTRUCTION_LEAD", name: "工程建设设计、施工、监理负责人" },
  { code: "CONSTRUCTION_REGISTERED", name: "工程建设设计、施工、监理注册人员" },
] as const;

export type OccupationGroup = (typeof OCCUPATION_GROUPS)[number]["code"];

export function isOccupationGroup(value: unknown): value is OccupationGroup {
  return OCCUPATION_GROUPS.some((group) => group.code === value);
}
