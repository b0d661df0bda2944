"use client";
import { useState, useTransition } from "react";
import { rotateKeyAction } from "@/app/(portal)/keys/actions";
import type { CreatedKey } from "@/lib/keys/create";
import { SecretDialog } from "@/components/keys/secret-dialog";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

const GRACE = [
  { seconds: 0, label: "None: the old secret stops now" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "1 day" },
  { seconds: 7 * 86_400, label: "7 days" },
];

/** New secret, same key: policy, budgets and history stay. The old secret may keep working for a grace period. */
export function RotateKey({ keyId, appUrl, model }: { keyId: string; appUrl: string; model: string }) {
  const [grace, setGrace] = useState(0);
  const [rotated, setRotated] = useState<CreatedKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();
  const rotate = () =>
    startTransition(async () => {
      const result = await rotateKeyAction(keyId, grace);
      if (!result.ok) return setError(result.error.message);
      setError(null);
      setRotated(result.data);
      toast({ title: "Secret rotated.", description: grace ? "The old secret keeps working for the grace period." : "The old secret stopped working." });
    });
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex flex-col gap-1.5 sm:w-72">
        <Label htmlFor="rotate-grace">Grace period for the old secret</Label>
        <Select id="rotate-grace" value={grace} onChange={(e) => setGrace(Number(e.target.value))}>
          {GRACE.map((g) => (
            <option key={g.seconds} value={g.seconds}>
              {g.label}
            </option>
          ))}
        </Select>
      </div>
      <Button variant="outline" onClick={rotate} disabled={pending}>
        {pending ? "Rotating…" : "Rotate secret"}
      </Button>
      {error && <Alert variant="danger">{error}</Alert>}
      {rotated && (
        <SecretDialog
          title="New secret"
          name={rotated.name}
          secret={rotated.secret}
          appUrl={appUrl}
          model={model}
          note={grace ? "The old secret keeps working during the grace period." : "The old secret no longer works."}
          onClose={() => setRotated(null)}
        />
      )}
    </div>
  );
}
