import { buildDist } from "../scripts/build";

/** The process tests run `npm start` and friends, which run `dist/`: build it from the sources under test. */
export default async function buildBeforeTests(): Promise<void> {
  await buildDist();
}
