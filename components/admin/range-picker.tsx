import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Field } from "@/components/admin/field";
import { Alert } from "@/components/ui/alert";
import type { DashboardRange, RangeError, Stack } from "@/lib/usage/dashboard-range";

const day = (d: Date) => d.toISOString().slice(0, 10);

/** A GET form: the range lives in the URL, so a dashboard view can be bookmarked and shared. */
/** `error`: a custom range that could not be shown; the dates stay as typed, with the reason. */
/** `dimensions`: the org's attribution dimensions, offered as stacks beside the built-in ones. */
export function RangePicker({
  range,
  stack,
  showStack = true,
  error = null,
  dimensions = [],
}: {
  range: DashboardRange;
  stack?: Stack;
  showStack?: boolean;
  error?: RangeError | null;
  dimensions?: { name: string; label: string }[];
}) {
  return (
    <div className="flex flex-col gap-3">
      <form method="get" className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap" data-testid="range-picker">
        <Field id="range" label="Range">
          <Select id="range" name="range" defaultValue={range.preset}>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="90d">Last 90 days</option>
            <option value="custom">Custom</option>
          </Select>
        </Field>
        <Field id="from" label="From (custom)">
          <Input
            id="from"
            name="from"
            type="date"
            defaultValue={error?.from ?? day(range.from)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "range-error" : undefined}
          />
        </Field>
        <Field id="to" label="To (custom)">
          <Input
            id="to"
            name="to"
            type="date"
            defaultValue={error?.to ?? day(new Date(range.to.getTime() - 1))}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "range-error" : undefined}
          />
        </Field>
        <Field id="granularity" label="Buckets">
          <Select id="granularity" name="granularity" defaultValue={range.granularity}>
            <option value="day">Daily</option>
            <option value="hour">Hourly (up to 31 days)</option>
          </Select>
        </Field>
        {showStack && (
          <Field id="stack" label="Stack by">
            <Select id="stack" name="stack" defaultValue={stack}>
              <option value="team">Team</option>
              <option value="model">Model</option>
              <option value="provider">Provider</option>
              <option value="kind">Key kind</option>
              {dimensions.map((d) => (
                <option key={d.name} value={`dimension:${d.name}`}>
                  {d.label}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button type="submit" variant="outline">
          Apply
        </Button>
      </form>
      {error && (
        <Alert variant="danger" id="range-error" data-testid="range-error">
          {error.message}
        </Alert>
      )}
    </div>
  );
}
