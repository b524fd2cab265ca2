import { Badge, type Tone } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import type { RecentIssue } from "@/lib/metrics";

const levelTone: Record<string, Tone> = { fatal: "danger", error: "danger", warning: "warn", info: "info" };

export function RecentIssues({ issues }: { issues: RecentIssue[] }) {
  return (
    <Table head={["Level", "Issue", "Status", "Events", "Last seen"]} caption="Most recently seen issues">
      {issues.map((issue) => (
        <tr key={issue.id}>
          <Cell>
            <Badge tone={levelTone[issue.level] ?? "neutral"}>{issue.level}</Badge>
          </Cell>
          <Cell>
            <p className="font-medium">{issue.title}</p>
            {issue.culprit && <p className="font-mono text-xs text-muted">{issue.culprit}</p>}
          </Cell>
          <Cell>{issue.status}</Cell>
          <Cell className="tabular-nums">{issue.count}</Cell>
          <Cell className="whitespace-nowrap text-muted">{issue.lastSeen ?? "—"}</Cell>
        </tr>
      ))}
    </Table>
  );
}
