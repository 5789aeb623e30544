/** Quote one argument for /bin/sh (the interpreter @pulumi/command's local.Command uses). */
export function shq(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one /bin/sh command line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shq).join(" ");
}
