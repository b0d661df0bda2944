import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listMcpServers, listMcpServerTools } from "@/lib/mcp/servers/list";
import { listRecentToolCalls } from "@/lib/mcp/calls/recent";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { refreshMcpServerAction } from "./actions";
import { statusLabel } from "@/components/admin/labels";

export const metadata: Metadata = { title: "MCP servers · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function McpPage() {
  const actor = await requireAdminPage("mcp.read");
  const [servers, calls] = await Promise.all([listMcpServers({ actor }), listRecentToolCalls({ actor, take: 50 })]);
  const tools = await Promise.all(servers.map((s) => listMcpServerTools({ actor, serverId: s.id }).then((r) => r.tools)));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="MCP servers"
        description="Agents reach these tools through Latch's /mcp with their virtual key; the servers' credentials never leave Latch."
      />
      {servers.length === 0 && (
        <Card>
          <CardContent>
            No MCP servers yet. Register one with <code>POST /v1/mcp-servers</code> (see docs/mcp.md).
          </CardContent>
        </Card>
      )}
      {servers.map((server, i) => (
        <Card key={server.id}>
          <CardHeader>
            <CardTitle>
              {server.name} <Badge variant={server.enabled ? "success" : "outline"}>{server.enabled ? "enabled" : "disabled"}</Badge>
            </CardTitle>
            <CardDescription>
              <code>{server.url}</code> · endpoint <code>/mcp/{server.slug}</code> · auth {server.authKind}
              {server.secretLast4 ? ` (…${server.secretLast4})` : ""}
              {server.pricePerCallUsd !== null ? ` · $${server.pricePerCallUsd.toString()} per call` : ""}
              {server.lastError ? ` · last error: ${server.lastError}` : ""}
            </CardDescription>
          </CardHeader>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Tool on /mcp</TableHead>
                <TableHead>Description</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tools[i]!.map((t) => (
                <TableRow key={t.name}>
                  <TableCell>
                    <code>
                      {server.slug}__{t.name}
                    </code>
                  </TableCell>
                  <TableCell>{t.description ?? ""}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <CardContent>
            <form action={refreshMcpServerAction}>
              <input type="hidden" name="serverId" value={server.id} />
              <button type="submit" className={buttonClasses({ variant: "outline", size: "sm" })}>
                Test connection and refresh tools
              </button>
            </form>
          </CardContent>
        </Card>
      ))}
      <Card>
        <CardHeader>
          <CardTitle>Recent tool calls</CardTitle>
          <CardDescription>Argument values are never stored; sizes are in bytes.</CardDescription>
        </CardHeader>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Tool</TableHead>
              <TableHead>Outcome</TableHead>
              <TableHead>Latency</TableHead>
              <TableHead>In / out</TableHead>
              <TableHead>Cost</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {calls.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.createdAt.toISOString().replace("T", " ").slice(0, 19)}</TableCell>
                <TableCell>
                  <code>
                    {c.serverSlug}__{c.tool}
                  </code>
                </TableCell>
                <TableCell>
                  {statusLabel(c.outcome)}
                  {c.errorCode ? ` (${c.errorCode})` : ""}
                </TableCell>
                <TableCell>{c.latencyMs} ms</TableCell>
                <TableCell>
                  {c.bytesIn} / {c.bytesOut}
                </TableCell>
                <TableCell>{c.costUsd === null ? "—" : `$${c.costUsd.toString()}`}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
