/** The usage lines of `init` and `triage` (./application.ts), for the CLI's usage text without loading them. */
export const APPLICATION_USAGE = `  diligence init --from-issue OWNER/REPO#N [--level incubation|graduation] [-o FILE] [--date YYYY-MM-DD] [--force] [options]
  diligence triage OWNER/REPO#N [--level L] [--format markdown|json] [--post] [options]`;
