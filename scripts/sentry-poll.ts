// npm run sentry:poll — reconciles local issues with Sentry once (for cron, or after an outage).
// Exit codes: 0 done (or no projects configured), 1 a project failed, 2 the API is not configured.
import { runCli } from "@/lib/cli";
import { pollSentry } from "@/lib/sentry";

runCli(async () => {
  const summary = await pollSentry();
  if (summary.skipped) {
    console.log(summary.skipped);
    return;
  }
  for (const project of summary.projects) {
    const counts = `fetched ${project.fetched}: ${project.created} created, ${project.updated} updated, ${project.unchanged} unchanged (${project.refreshed} re-checked, ${project.missing} gone from Sentry)`;
    console.log(`${project.project}: ${counts}${project.truncated ? "; page cap reached, older issues left for webhooks" : ""}`);
    if (project.error) console.log(`  failed: ${project.error}`);
  }
  const failed = summary.projects.filter((project) => project.error);
  if (failed.length > 0) throw new Error(`${failed.length} of ${summary.projects.length} project(s) could not be polled.`);
});
