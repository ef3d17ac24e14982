import { buildDistUnlessCurrent } from "../scripts/build";

/** The process tests run `npm start` and friends, which run `dist/`: built from the sources under test. */
export default async function buildBeforeTests(): Promise<void> {
  await buildDistUnlessCurrent();
}
