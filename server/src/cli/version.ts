/** The version the CLI reports (`--version`, SARIF); the same as the package's. */
export const VERSION = '0.1.0';
