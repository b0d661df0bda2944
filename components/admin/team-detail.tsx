import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { GuardrailsFields } from "@/components/admin/guardrails-fields";
import { SpendCapFields } from "@/components/admin/spend-cap-fields";
import { formatRelative } from "@/components/keys/format";
import type { TeamDetail as Team } from "@/lib/teams/list";
import { statusLabel } from "@/components/admin/labels";
import {
  addTeamMemberAction,
  deleteTeamAction,
  removeTeamMemberAction,
  renameTeamAction,
  saveTeamGuardrailsAction,
  setTeamCapAction,
} from "@/app/(portal)/admin/teams/actions";

export function TeamDetail({ team, candidates }: { team: Team; candidates: { userId: string; email: string }[] }) {
  const inTeam = new Set(team.members.map((m) => m.userId));
  const addable = candidates.filter((c) => !inTeam.has(c.userId));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Name and cap</CardTitle>
          <CardDescription>The cap covers every key of this team, whoever owns it.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          <ActionForm action={renameTeamAction.bind(null, team.id)} submitLabel="Rename">
            <Field id="rename" label="Team name">
              <Input id="rename" name="name" defaultValue={team.name} required />
            </Field>
          </ActionForm>
          <ActionForm action={setTeamCapAction.bind(null, team.id)} submitLabel="Save cap" testId="team-cap-form">
            <div className="grid gap-4 sm:grid-cols-2">
              <SpendCapFields cap={team.cap} label="Team spend cap (USD)" hint="Blank = no cap." />
            </div>
          </ActionForm>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
          <CardDescription>Members may mint keys for the team if its guardrails allow.</CardDescription>
        </CardHeader>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="team-members">
          {team.members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 text-sm sm:px-5">
              <Link href={`/admin/members/${m.userId}`} className="underline-offset-2 hover:underline">
                {m.user.email}
              </Link>
              <ActionButton
                action={removeTeamMemberAction.bind(null, team.id, m.userId)}
                label="Remove"
                variant="destructive"
                confirm={`Remove ${m.user.email} from ${team.name}?`}
                ariaLabel={`Remove ${m.user.email} from ${team.name}`}
                done={`${m.user.email} removed from ${team.name}.`}
              />
            </li>
          ))}
        </ul>
        {addable.length > 0 && (
          <CardContent className="border-t border-zinc-100 dark:border-zinc-800">
            <ActionForm action={addTeamMemberAction.bind(null, team.id)} submitLabel="Add member">
              <Field id="add-member" label="Add a member">
                <Select id="add-member" name="userId">
                  {addable.map((c) => (
                    <option key={c.userId} value={c.userId}>
                      {c.email}
                    </option>
                  ))}
                </Select>
              </Field>
            </ActionForm>
          </CardContent>
        )}
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Team guardrails</CardTitle>
          <CardDescription>Override the org&apos;s key guardrails for this team; blank fields inherit the org&apos;s.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={saveTeamGuardrailsAction.bind(null, team.id)} submitLabel="Save team guardrails">
            <GuardrailsFields defaults={team.guardrails.defaults} limits={team.guardrails.limits} inheritNote="Blank = the org's default." />
          </ActionForm>
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Team keys</CardTitle>
        </CardHeader>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {team.keys.length === 0 && <li className="px-4 py-4 text-sm text-zinc-500 dark:text-zinc-400 sm:px-5">No keys yet.</li>}
          {team.keys.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5 text-sm sm:px-5">
              <Link href={`/admin/usage/keys/${k.id}`} className="font-medium underline-offset-2 hover:underline">
                {k.name}
              </Link>
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{k.prefix}…</span>
              <Badge className="capitalize" variant={k.status === "active" ? "success" : "default"}>
                {statusLabel(k.status)}
              </Badge>
              <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                {k.owner?.email ?? "no owner"} · {k.lastUsedAt ? `used ${formatRelative(k.lastUsedAt)}` : "never used"}
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <div className="lg:col-span-2">
        <ActionButton
          action={deleteTeamAction.bind(null, team.id)}
          label="Delete team"
          variant="destructive"
          confirm={`Delete “${team.name}”? Its keys keep working without a team.`}
          done={`Team “${team.name}” deleted.`}
        />
      </div>
    </div>
  );
}
