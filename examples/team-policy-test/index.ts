// The Pulumi program: `pulumi preview --policy-pack ../../policy-pack` runs the same rules as stack.test.ts.
import { createStack } from "./stack";

export const containers = createStack();
