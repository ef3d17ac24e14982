import { Lunar, Solar } from "lunar-typescript";
import { addDays, isWeekend, nextDay } from "./dates";

/** A festival of 《全国年节及纪念日放假办法》 art. 2 that gives every citizen days off. */
export type Festival = "元旦" | "春节" | "清明节" | "劳动节" | "端午节" | "中秋节" | "国庆节";

/** One statutory day off: a festival day itself, or the weekday given in lieu of one that fell on a weekend (art. 6). */
export type StatutoryDay = Readonly<{ date: string; festival: Festival; inLieu: boolean }>;

type SpringFestivalDay = "除夕" | "初一" | "初二" | "初三";

/** A version of the 办法 and the first year it governs; the newest version whose `from` ≤ year applies. */
type Version = Readonly<{
  from: number;
  name: string;
  springFestival: readonly SpringFestivalDay[];
  labourDays: number;
}>;

const VERSIONS: readonly Version[] = [
  {
    from: 2025,
    name: "《全国年节及纪念日放假办法》2024年11月修订（2025年1月1日起施行）",
    springFestival: ["除夕", "初一", "初二", "初三"],
    labourDays: 2,
  },
  {
    from: 2014,
    name: "《全国年节及纪念日放假办法》2013年12月修订（2014年1月1日起施行）",
    springFestival: ["初一", "初二", "初三"],
    labourDays: 1,
  },
  {
    from: 2008,
    name: "《全国年节及纪念日放假办法》2007年12月修订（2008年1月1日起施行）",
    springFestival: ["除夕", "初一", "初二"],
    labourDays: 1,
  },
];

/** The version of the 办法 that governs `year` (years before 2008 are counted by the 2008 version). */
export function statuteFor(year: number): Version {
  return VERSIONS.find((version) => year >= version.from) ?? VERSIONS[VERSIONS.length - 1]!;
}

const LUNAR_OFFSET: Record<SpringFestivalDay, number> = { 除夕: -1, 初一: 0, 初二: 1, 初三: 2 };

const lunarDay = (year: number, month: number, day: number) =>
  Lunar.fromYmd(year, month, day).getSolar().toYmd();

/** 清明 is the day of the solar term (节气), which falls on 4 or 5 April. */
function qingmingOf(year: number): string {
  return Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"]!.toYmd();
}

/**
 * The days off the 办法 itself gives in `year`, before any State Council notice: each festival's days
 * (lunar dates and the 清明 solar term computed by lunar-typescript), and for each festival day that
 * falls on a Saturday or Sunday a weekday in lieu (art. 6: 「适逢星期六、星期日，应当在工作日补假」), the
 * first weekday after the festival that is not already off. A festival day that falls on another
 * festival's day (中秋 on 1-3 October) is owed a weekday in lieu too, as the notices give one (2020: eight
 * days for 中秋 and 国庆 together). Sorted by date.
 */
export function statutoryDaysOf(year: number): StatutoryDay[] {
  const version = statuteFor(year);
  // 春节 belongs to the Gregorian year of 正月初一; its 除夕 can fall in the same year only (late January at the earliest).
  const newYear = lunarDay(year, 1, 1);
  const festivals: Array<Readonly<{ festival: Festival; dates: string[] }>> = [
    { festival: "元旦", dates: [`${year}-01-01`] },
    { festival: "春节", dates: version.springFestival.map((day) => addDays(newYear, LUNAR_OFFSET[day])) },
    { festival: "清明节", dates: [qingmingOf(year)] },
    {
      festival: "劳动节",
      dates: Array.from({ length: version.labourDays }, (_, index) => `${year}-05-0${index + 1}`),
    },
    { festival: "端午节", dates: [lunarDay(year, 5, 5)] },
    { festival: "中秋节", dates: [lunarDay(year, 8, 15)] },
    { festival: "国庆节", dates: [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`] },
  ];
  const days: StatutoryDay[] = festivals.flatMap(({ festival, dates }) =>
    dates.map((date) => ({ date, festival, inLieu: false })),
  );
  const off = new Set(days.map((day) => day.date));
  const claimed = new Set<string>();
  for (const { festival, dates } of festivals) {
    let candidate = dates[dates.length - 1]!;
    const owedDays = dates.filter((date) => isWeekend(date) || claimed.has(date)).length;
    for (const date of dates) claimed.add(date);
    for (let owed = owedDays; owed > 0; owed -= 1) {
      do candidate = nextDay(candidate);
      while (isWeekend(candidate) || off.has(candidate));
      off.add(candidate);
      days.push({ date: candidate, festival, inLieu: true });
    }
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
