/**
 * The benchmark's own arguments: pnpm 10 passes the `--` of
 * `pnpm --filter @fieldbook/bench <script> -- --flag` through, which
 * node:util's parseArgs would refuse as a positional.
 */
export const benchArgv = (): string[] => process.argv.slice(2).filter((a) => a !== '--');
