/**
 * Runs before every test file: results that kernels promise to overwrite entirely (`allocOutput`)
 * start as NaN instead of zeros or stale memory, so that a kernel leaving an entry unwritten fails
 * the tests that check its values.
 */
import { allocSettings } from "../src/core/alloc";

allocSettings.poison = true;
