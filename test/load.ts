/** Whether this run is `npm run test:load` (`CREDIT_TEST_LOAD=1`; CI runs it on both databases). */
export const UNDER_LOAD = process.env.CREDIT_TEST_LOAD === "1";

/**
 * A probe's size: in `npm test` one that still finds the regression it looks for, in the developer's loop;
 * under `npm run test:load` its full size.
 */
export function sizedForLoad<T>(inNpmTest: T, underLoad: T): T {
  return UNDER_LOAD ? underLoad : inNpmTest;
}
