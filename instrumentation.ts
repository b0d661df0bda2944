// Runs once when a server process starts. Next sets NEXT_RUNTIME; the Node-only import stays out
// of any edge bundle behind this check.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBillingJobs } = await import("@/lib/billing/jobs");
  startBillingJobs();
}
