// Placeholder entry until the foundation lands: prints usage.
export async function main(argv: string[]): Promise<void> {
  console.log(`wagate: command "${argv[0] ?? ''}" is not available yet`);
}
