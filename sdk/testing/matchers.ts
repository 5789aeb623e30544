/**
 * Import once in a jest test file to register Shipshape's matchers:
 *
 *   import "shipshape/sdk/testing/matchers";
 *   expect(report).toHaveNoMandatoryViolations();
 */
import { shipshapeMatchers } from "./matchers-impl";
export { shipshapeMatchers } from "./matchers-impl";

expect.extend(shipshapeMatchers);
